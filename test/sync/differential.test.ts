// Liasse against PouchDB, the reference implementation of CouchDB replication: the same scripts
// of creates, edits, deletions and offline periods (a replica that does not sync for a while) run
// with two PouchDB replicas, two Liasse replicas, and one of each, each pair on its own database
// of one pouchdb-server. Once every replica has synced until nothing moves, each pair must agree
// with itself and the server to the revision (the winner, every leaf, the conflicts, what each
// shows), every pair must reach the outcome PouchDB reaches (which documents are deleted, which
// versions are left in conflict), and that outcome is the one the script expects. Revision
// hashes differ between the implementations, so across pairs only bodies are compared; the mixed
// pairs, where both implementations build one revision tree, are compared to the revision.
// Concurrent edits change the same field (a true conflict in CouchDB and in Liasse alike).
import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCouchServer, type CouchServer } from './couch-server'
import {
  LiassePeer,
  outcome,
  PouchPeer,
  ruleViolations,
  serverStates,
  syncUntilQuiet,
  tagDocId,
  type DocState,
  type Peer
} from './peers'

type Step =
  { write: 0 | 1; key: string; value: string } | { remove: 0 | 1; key: string } | { sync: 0 | 1 }

interface Script {
  name: string
  steps: Step[]
  /** The pairs it runs on, when not all of them (see the script). */
  pairs?: Array<[Kind, Kind]>
  /** Per record: deleted, and the descriptions of its live versions (more than one: a conflict). */
  expected: Record<string, { deleted: boolean; live: string[] }>
}

const w = (peer: 0 | 1, key: string, value: string): Step => ({ write: peer, key, value })
const del = (peer: 0 | 1, key: string): Step => ({ remove: peer, key })
const sync = (peer: 0 | 1): Step => ({ sync: peer })
/** Both replicas sync, the first then the second, then the first again: both hold everything. */
const both: Step[] = [sync(0), sync(1), sync(0)]

const SCRIPTS: Script[] = [
  {
    name: 'a record created on one side, edited on the other',
    steps: [w(0, 'k1', 'créée'), ...both, w(1, 'k1', 'modifiée'), ...both],
    expected: { k1: { deleted: false, live: ['modifiée'] } }
  },
  {
    name: 'the same field edited on both sides offline: a conflict keeping both',
    steps: [w(0, 'k1', 'base'), ...both, w(0, 'k1', 'Ana'), w(1, 'k1', 'Ben'), ...both],
    expected: { k1: { deleted: false, live: ['Ana', 'Ben'] } }
  },
  {
    name: 'several edits offline on one side, one on the other: the last of each is kept',
    steps: [
      w(0, 'k1', 'base'),
      ...both,
      w(0, 'k1', 'Ana 1'),
      w(0, 'k1', 'Ana 2'),
      w(0, 'k1', 'Ana 3'),
      w(1, 'k1', 'Ben'),
      sync(1),
      sync(0),
      sync(1)
    ],
    expected: { k1: { deleted: false, live: ['Ana 3', 'Ben'] } }
  },
  {
    name: 'deleted on one side while edited on the other: the edit stays, no conflict',
    steps: [w(0, 'k1', 'base'), ...both, del(0, 'k1'), w(1, 'k1', 'gardée'), ...both],
    expected: { k1: { deleted: false, live: ['gardée'] } }
  },
  {
    name: 'deleted on both sides offline: deleted',
    steps: [w(0, 'k1', 'base'), ...both, del(0, 'k1'), del(1, 'k1'), ...both],
    expected: { k1: { deleted: true, live: [] } }
  },
  {
    name: 'a deletion reaches the other side as a deleted record',
    steps: [w(0, 'k1', 'base'), w(0, 'k2', 'reste'), ...both, del(1, 'k1'), ...both],
    expected: { k1: { deleted: true, live: [] }, k2: { deleted: false, live: ['reste'] } }
  },
  {
    name: 'a record deleted on one side and created again on the other after syncing',
    steps: [w(0, 'k1', 'base'), ...both, del(1, 'k1'), ...both, w(0, 'k1', 'revenue'), ...both],
    expected: { k1: { deleted: false, live: ['revenue'] } }
  },
  {
    name: 'a conflict edited further on both sides: the edits go on the winner, the loser stays',
    steps: [
      w(0, 'k1', 'base'),
      ...both,
      // Ana's branch is two revisions long, Ben's one: hers wins by generation, in either
      // implementation (an even conflict is settled by the revisions' hashes, which differ).
      w(0, 'k1', 'Ana 1'),
      sync(0),
      w(0, 'k1', 'Ana 2'),
      sync(0),
      w(1, 'k1', 'Ben'),
      ...both,
      // Both edit what they show, the winner.
      w(0, 'k1', 'Ana encore'),
      sync(0),
      w(1, 'k1', 'Ben encore'),
      ...both
    ],
    expected: { k1: { deleted: false, live: ['Ana encore', 'Ben', 'Ben encore'] } }
  },
  {
    name: 'the version shown of a conflict deleted: the other version takes its place',
    steps: [
      w(0, 'k1', 'base'),
      ...both,
      w(0, 'k1', 'Ana 1'),
      sync(0),
      w(0, 'k1', 'Ana 2'),
      sync(0),
      w(1, 'k1', 'Ben'),
      ...both,
      // Ben deletes the record he is shown, Ana's winning version; his own is left.
      del(1, 'k1'),
      ...both
    ],
    expected: { k1: { deleted: false, live: ['Ben'] } }
  },
  {
    name: 'a long offline period on one side while the other works on several records',
    steps: [
      w(0, 'k1', 'un'),
      w(0, 'k2', 'deux'),
      w(0, 'k3', 'trois'),
      ...both,
      // Ben goes offline; Ana carries on, syncing as she goes.
      w(0, 'k1', 'un (Ana)'),
      sync(0),
      del(0, 'k2'),
      sync(0),
      w(0, 'k4', 'quatre'),
      sync(0),
      // Ben, offline all along, edits the same records.
      w(1, 'k1', 'un (Ben)'),
      w(1, 'k2', 'deux (Ben)'),
      del(1, 'k3'),
      ...both
    ],
    expected: {
      k1: { deleted: false, live: ['un (Ana)', 'un (Ben)'] },
      k2: { deleted: false, live: ['deux (Ben)'] },
      k3: { deleted: true, live: [] },
      k4: { deleted: false, live: ['quatre'] }
    }
  }
]

type Kind = 'PouchDB' | 'Liasse'
const PAIRS: Array<[Kind, Kind]> = [
  ['PouchDB', 'PouchDB'],
  ['Liasse', 'Liasse'],
  ['PouchDB', 'Liasse'],
  ['Liasse', 'PouchDB']
]

let server: CouchServer
let databases = 0

beforeAll(async () => {
  server = await startCouchServer()
}, 30_000)
afterAll(async () => server?.stop())

interface Run {
  states: Map<string, DocState>
  outcomes: Record<string, { deleted: boolean; live: string[] }>
}

/** The script played by a pair of replicas on a fresh database, synced until quiet, checked. */
async function play(script: Script, kinds: [Kind, Kind]): Promise<Run> {
  const dbUrl = `${server.url}/differential-${++databases}`
  expect((await fetch(dbUrl, { method: 'PUT' })).status).toBe(201)
  const peers: Peer[] = kinds.map((kind, i) =>
    kind === 'PouchDB' ? new PouchPeer(`pouch${i}`, dbUrl) : new LiassePeer(`liasse${i}`, dbUrl)
  )
  try {
    for (const step of script.steps) {
      if ('write' in step) await peers[step.write]!.write(step.key, step.value)
      else if ('remove' in step) await peers[step.remove]!.remove(step.key)
      else await peers[step.sync]!.sync()
    }
    await syncUntilQuiet(peers)
    const onServer = await serverStates(dbUrl)
    const label = kinds.join(' + ')
    for (const [id, state] of onServer)
      expect(ruleViolations(state), `${label}: ${id} on the server`).toEqual([])
    for (const [i, peer] of peers.entries()) {
      const states = await peer.states()
      // The same revision tree everywhere, whichever implementation holds it.
      expect(Object.fromEntries(states), `${label}: replica ${i} (${kinds[i]})`).toEqual(
        Object.fromEntries(onServer)
      )
      for (const [id, state] of states)
        expect(ruleViolations(state), `${label}: ${id} on replica ${i}`).toEqual([])
    }
    const outcomes = Object.fromEntries(
      Object.keys(script.expected).map((key) => {
        const state = onServer.get(tagDocId(key))
        if (!state) throw new Error(`${label}: ${key} never reached the server`)
        return [key, outcome(state)]
      })
    )
    return { states: onServer, outcomes }
  } finally {
    for (const peer of peers) await peer.close()
  }
}

describe('Liasse replicates as PouchDB does', () => {
  for (const script of SCRIPTS) {
    it(script.name, async () => {
      const runs = new Map<string, Run>()
      for (const kinds of script.pairs ?? PAIRS)
        runs.set(kinds.join(' + '), await play(script, kinds))
      const reference = runs.get('PouchDB + PouchDB')!
      for (const [label, run] of runs) {
        expect(run.outcomes, label).toEqual(reference.outcomes)
        expect(run.states.size, `${label}: documents on the server`).toBe(reference.states.size)
      }
      expect(reference.outcomes).toEqual(script.expected)
    })
  }
})
