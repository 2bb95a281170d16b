function (newDoc, oldDoc, userCtx, secObj) {
  // Liasse's team database: who may write, and what a document must look like. It is the
  // validate_doc_update of the design document _design/liasse (see README.md beside this file),
  // installed by `npm run couchdb:setup`. CouchDB runs it on every write of an ordinary document,
  // replicated ones included (_bulk_docs with new_edits=false): a refused document comes back in
  // that request's answer as {"error": "forbidden", "reason": ...} and nothing of it is stored.
  // It is not run for _local documents (replication checkpoints). Design documents never reach
  // it: CouchDB lets only the database's admins write them, and checks that before any validate
  // function, so a member's client cannot replace or remove this function.
  // ES5 only (no arrow functions, let or const): CouchDB's JavaScript query server may be an old
  // SpiderMonkey.
  var TYPES = ['article', 'text', 'passage', 'tag', 'event', 'link', 'dossier', 'trash'];
  var roles = (userCtx && userCtx.roles) || [];
  var name = userCtx && userCtx.name;
  var admins = (secObj && secObj.admins && secObj.admins.names) || [];

  function has(role) {
    return roles.indexOf(role) !== -1;
  }

  function shorten(text) {
    return text.length > 80 ? text.slice(0, 77) + '...' : text;
  }

  // Server admins pass: they repair and migrate, and CouchDB trusts them with everything anyway.
  if (has('_admin')) return;

  // Writing needs a writer's role (or being an admin of this database by name). The read-only
  // role, and a member listed by name without a role, may read (the _security object lets them
  // in) but not write.
  var writer = has('liasse-member') || has('liasse-admin') || (name && admins.indexOf(name) !== -1);
  if (!writer) {
    if (has('liasse-reader')) {
      throw { forbidden: 'Read-only access: the role liasse-reader may read this database but not write to it.' };
    }
    throw { forbidden: 'Writing to this database needs the role liasse-member or liasse-admin.' };
  }

  // Only Liasse's documents: the _id is <type>:<key> with one of Liasse's synced types.
  var id = String(newDoc._id);
  var colon = id.indexOf(':');
  var type = colon > 0 ? id.slice(0, colon) : '';
  if (TYPES.indexOf(type) === -1 || colon === id.length - 1) {
    throw {
      forbidden: 'Not a Liasse document: the _id "' + shorten(id) + '" must be <type>:<key> with <type> one of ' +
        TYPES.join(', ') + '.'
    };
  }

  // A deletion (tombstone) carries no body to check.
  if (newDoc._deleted === true) return;

  if (newDoc.type !== type) {
    throw {
      forbidden: 'The document "' + shorten(id) + '" must have the field type: "' + type + '" (its _id says so).'
    };
  }
}
