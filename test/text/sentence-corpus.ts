// A corpus of French and English press-style paragraphs with their expected sentences, to measure
// sentence segmentation as boundary precision and recall. Written for Liasse (a few short pieces
// paraphrase the sample articles in resources/sample/); the expected boundaries are known by
// construction: a paragraph's text is its lines joined by "\n", each line its sentences joined
// by one space.
//
// Decisions the corpus encodes (see sentences.ts):
// - a quoted message is one unit: periods, "?" and "!" inside quotation marks never end the
//   sentence that holds the quotation; a quotation that ends the sentence ends it after its
//   closing mark (`Il a dit : « C'est fini. »`), and a paragraph that is only a quotation of
//   several sentences is one sentence;
// - an ellipsis ("...", "…") followed by a capital ends the sentence; followed by anything else it
//   does not; an elision in brackets ("[…]", "(…)", "[...]") never does;
// - an abbreviation that can end a sentence (Jr., Inc., etc., U.S., a.m.) ends it when what
//   follows clearly starts a new one ("…aux U.S. Il a…", "Trump Jr. Ce dernier…"), not before a
//   name ("U.S. Army", "Martin Luther King Jr. Day"); titles (M., Dr, Mr.) and e.g./i.e./cf./vs.
//   never do;
// - every line is a unit: a heading, a chronology line or a bullet without final punctuation is
//   a sentence of its own.

export type CorpusLanguage = 'fr' | 'en'

export interface CorpusParagraph {
  language: CorpusLanguage
  /** What the paragraph exercises. */
  difficulty: string
  /** The expected sentences, line by line. */
  lines: readonly (readonly string[])[]
}

/** A paragraph of running prose: one line. */
const prose = (
  language: CorpusLanguage,
  difficulty: string,
  ...sentences: string[]
): CorpusParagraph => ({ language, difficulty, lines: [sentences] })

/** A paragraph of several lines (bullets, chronology, dialogue, heading and text). */
const lines = (
  language: CorpusLanguage,
  difficulty: string,
  ...lineSentences: (string | string[])[]
): CorpusParagraph => ({
  language,
  difficulty,
  lines: lineSentences.map((line) => (typeof line === 'string' ? [line] : line))
})

const NBSP = '\u00a0'
const NNBSP = '\u202f'

export const SENTENCE_CORPUS: readonly CorpusParagraph[] = [
  // ---------------------------------------------------------------- French
  prose(
    'fr',
    'titles',
    'M. Dupont a rencontré Mme Martin à Bordeaux le 3 mars.',
    'MM. Durand et Petit étaient absents.',
    'Selon Mlle Garnier, la réunion a duré deux heures.',
    'Le Dr Lefèvre et le Pr Moreau ont signé la tribune.'
  ),
  prose(
    'fr',
    'titles',
    'Me Bertrand, avocat de la famille, a fait appel.',
    'Il plaidera devant la cour d’appel de Paris.',
    'M. Bertrand n’a pas souhaité commenter la décision.',
    'Mgr Aupetit a célébré la messe en présence de Mmes Roux et Blanc.',
    'Le Dr. Vidal, cité par l’accusation, ne s’est pas présenté.'
  ),
  prose(
    'fr',
    'hard negative: Jr. at a sentence end',
    'Les messages ont été reconnus par Donald Trump Jr.',
    'Ce dernier les a publiés lui-même sur Twitter.',
    'WikiLeaks a ensuite écrit à Trump Jr. le 16 décembre 2016.',
    'Le camp Clinton a été critiqué auprès de Trump Jr.',
    'Le compte de l’organisation a insisté.',
    'Le fils aîné, Donald Trump Jr., n’a répondu qu’une fois.'
  ),
  prose(
    'fr',
    'initials',
    'J.-L. Mélenchon a réagi dans la soirée.',
    'Il a cité J. Assange, fondateur de WikiLeaks, à deux reprises.',
    'Pour J.-M. Le Pen, l’affaire est « montée de toutes pièces ».',
    'L’ancien président George W. Bush s’est tu.',
    'Le rapport de F. D. Roosevelt est resté dans les archives.'
  ),
  prose(
    'fr',
    'acronyms with periods',
    'L’O.N.U. a publié un rapport sur la situation au Yémen.',
    'Les U.S.A. et l’U.E. ont salué le texte.',
    'Le rapport a été envoyé aux U.S.',
    'Il a été lu dès le lendemain.',
    'La position de la France reste inchangée.'
  ),
  prose(
    'fr',
    'numbers',
    'Le déficit atteint 3,5 % du PIB en 2016.',
    'La ville compte 1.000.000 d’habitants selon le recensement.',
    'Le taux est passé de 2,5 % à 3.5 % en un an.',
    'La séance a repris à 10 h 30.',
    'Le texte est arrivé en n° 3.',
    'Il a été adopté sans vote.'
  ),
  prose(
    'fr',
    'numbers',
    'À 18h35, WikiLeaks a envoyé un nouveau message.',
    'Le sondage lui donnait 48,2 % des voix.',
    'L’amende s’élève à 1 500 000 €.',
    'Le procès reprendra le 1er février à 9 h.'
  ),
  prose(
    'fr',
    'abbreviations',
    'L’auteur le rappelle p. 45 de son essai (cf. chapitre 2).',
    'La ville fut fondée vers 600 av. J.-C. par des marins grecs.',
    'Le vol. 3 de la série paraîtra en octobre.',
    'Voir aussi l’art. 12 de la loi de 1881, etc.',
    'Les juristes en débattent encore.'
  ),
  prose(
    'fr',
    'abbreviations',
    'Les échanges datent du 3 nov. 2016 et du 16 déc. 2016.',
    'Ils portent sur la campagne, les impôts, les sondages, etc.',
    'Rien n’a été démenti.',
    'Il faut distinguer la fuite, c.-à-d. la publication, du piratage.',
    'Le match Clinton vs. Trump a tenu le pays en haleine.',
    'Le dossier compte env. 300 pages.'
  ),
  prose(
    'fr',
    'ellipses',
    'Il a hésité... puis il a signé.',
    'Rien ne s’est passé comme prévu…',
    'Les négociations ont échoué dans la nuit.',
    '« Nous avons tout essayé […] mais rien n’a marché », a-t-il reconnu.',
    'Le texte (…) sera examiné lundi.'
  ),
  prose(
    'fr',
    'ellipses',
    'Le ministre a promis des mesures… sans en préciser aucune.',
    'Puis plus rien...',
    'Trois semaines ont passé sans nouvelles.',
    'Le communiqué cite « les fuites, les piratages […] et les mensonges » du camp adverse.'
  ),
  prose(
    'fr',
    'quotations',
    '« Bien sûr l’Australie ne le fera pas […] mais cela enverra un bon signal ».',
    'Le message a été envoyé le 16 décembre 2016.',
    'Il a dit : « C’est fini. »',
    'Puis il a quitté la salle.'
  ),
  prose(
    'fr',
    'quotations',
    'Le message disait : « Salut Don. On espère que vous allez bien ! Merci de transmettre. »',
    'Trump Jr. n’a pas répondu.',
    '« Qui est derrière ce site ? Nous cherchons encore », a reconnu l’organisation.',
    'L’enquête se poursuit.'
  ),
  prose(
    'fr',
    'quotations',
    'WikiLeaks lui écrit "Salut Don. On espère que vous allez bien!" avant de formuler sa demande.',
    'Trump Jr. aurait répondu : "Officieusement je ne sais pas qui c’est. Merci."',
    'Le site a insisté.',
    'Il a qualifié l’article de "junk news." sans plus de précision.'
  ),
  prose(
    'fr',
    'quotations',
    `“C’est formidable ce qu’elle peut faire en toute impunité”, a-t-il ajouté.`,
    `Il a demandé ce qu’il y avait “derrière cette fuite mercredi que je n’arrête pas de lire partout?”`,
    'WikiLeaks n’a pas répondu au message.',
    `Stone avait écrit que “Mercredi@HillaryClinton est terminée. #WikiLeaks.”`
  ),
  prose(
    'fr',
    'quotations: a paragraph that is one quoted message',
    '"Le PAC est un PAC recyclé en faveur de la guerre en Irak. Nous avons deviné le mot de passe. Allez voir à \'About\' pour savoir qui est derrière ce site. Des commentaires?"'
  ),
  prose(
    'fr',
    'quotations',
    'Ils ont ajouté que Trump pourrait dire : « C’est vraiment un type intelligent et coriace ! »',
    'La suggestion est restée sans suite.',
    'Selon un proche, « personne n’y a cru. Pas même lui. »',
    'L’ambassade n’a pas commenté.'
  ),
  prose(
    'fr',
    'questions and exclamations',
    `Faut-il s’en inquiéter${NBSP}?`,
    'Pas vraiment, selon les experts.',
    `Quelle histoire${NNBSP}!`,
    'L’affaire a pourtant occupé les chaînes d’information pendant des semaines.'
  ),
  prose(
    'fr',
    'questions and exclamations inside quotations',
    `« Pourquoi maintenant${NNBSP}? » s’interroge un diplomate.`,
    `« C’est un scandale${NNBSP}! » a lancé la députée.`,
    `« Et après${NNBSP}? », a-t-il demandé, sans obtenir de réponse.`,
    `Viendra-t-il${NBSP}? demande la presse.`
  ),
  prose(
    'fr',
    'parentheses',
    'Le candidat (a-t-il seulement lu le rapport ?) a balayé les critiques.',
    'La réponse (un simple « Wow ! ») est arrivée après minuit.',
    'Personne ne s’y attendait (pas même son équipe !).',
    'Le lendemain, il a changé d’avis.',
    '(Le porte-parole n’a pas souhaité réagir.)',
    'L’affaire est close.'
  ),
  prose(
    'fr',
    'em dash',
    'Le ministre — qui l’eût cru ? — a fini par céder.',
    'Il a signé le décret dans la nuit.',
    '— Vous partez déjà ?',
    '— Oui, dès ce soir, répond-elle.'
  ),
  lines(
    'fr',
    'dialogue lines',
    '— Vous viendrez demain ?',
    '— Oui, à 9 h, si le train est à l’heure.',
    '— Et M. Garnier ?',
    ['— Il ne viendra pas.', 'Il est malade.']
  ),
  lines(
    'fr',
    'bullets',
    '• Le site WikiLeaks était en contact avec le fils aîné de Donald Trump, Donald Trump Jr.',
    '• Après l’élection, WikiLeaks a contacté Trump Jr. mais il n’a pas répondu.',
    '• Le groupe avait demandé ses déclarations d’impôts',
    '• Ils ont aussi « fortement » suggéré de nommer Julian Assange ambassadeur aux États-Unis.'
  ),
  lines(
    'fr',
    'bullets',
    '– Le groupe a rencontré l’avocate en juin 2016 à New York.',
    ['– Le site a écrit au fils du candidat le 3 octobre 2016.', 'Il voulait de la publicité.'],
    '– Aucune réponse connue'
  ),
  lines(
    'fr',
    'chronology lines',
    '20 septembre 2016: WikiLeaks contacte Trump Jr. via un message direct sur Twitter.',
    "3 octobre 2016: WikiLeaks écrit à Trump Jr. que ce serait 'super si vous pouviez promouvoir cette histoire.'",
    '12 octobre 2016: WikiLeaks écrit à Trump Jr. "Hey Donald, c\'est super de vous voir avec votre père parler de nos publications."',
    '16 décembre 2016: "Salut Don. On espère que vous allez bien!"',
    'Juillet 2017 : publication des échanges'
  ),
  lines('fr', 'heading and text', 'Chronologie des échanges', [
    'Voici un récapitulatif de la correspondance.',
    'Elle couvre dix mois.'
  ]),
  lines(
    'fr',
    'caption and credit lines',
    ['Donald Trump Junior photographié en janvier 2017.', '- [Reuters - Jonathan Ernst]'],
    [
      'Donald Trump Junior a publié ses échanges avec Wikileaks.',
      'Le fils du président américain a eu des contacts secrets avec le groupe.'
    ]
  ),
  prose(
    'fr',
    'web addresses',
    'Le site putintrump.org devait être lancé le jour même.',
    'WikiLeaks a demandé de tweeter le lien wlsearch.tk, censé faciliter les recherches.',
    'Les documents sont sur https://wikileaks.org/podesta-emails/.',
    'Ils ont été consultés des millions de fois.',
    'Écrivez à redaction@exemple.fr.',
    'La rédaction répondra.'
  ),
  prose(
    'fr',
    'handles',
    'Le compte @WikiLeaks a relayé le message.',
    'Il a été partagé par @DonaldJTrumpJr dans la matinée.',
    'Le lien menait à wikileaks.org.',
    'Selon le site, il a été visité 20 000 fois.',
    'La consultation reste libre.'
  ),
  prose(
    'fr',
    'prose',
    'WikiLeaks était en contact avec Donald Trump Jr. entre septembre 2016 et juillet 2017.',
    'C’est ce qu’a révélé le magazine The Atlantic le 13 novembre 2017.',
    'À l’époque, Donald Trump était le candidat républicain.',
    'Il affrontait la candidate démocrate Hillary Clinton.'
  ),
  prose(
    'fr',
    'prose',
    'Le jour même, Trump Jr. a prévenu l’équipe de campagne.',
    'Jared Kushner a transféré le courriel à Hope Hicks.',
    'Elle dirige aujourd’hui la communication de la Maison-Blanche.',
    'Aucun d’eux n’a commenté ces révélations.'
  ),
  prose(
    'fr',
    'prose',
    'Le 14 octobre 2016, Trump Jr. a tweeté le lien envoyé par WikiLeaks.',
    'Quinze minutes plus tôt, son père avait dénoncé les médias.',
    'Les deux messages ont été largement partagés.',
    'L’organisation s’en est félicitée.'
  ),
  prose(
    'fr',
    'hard negatives',
    'Le règne de Louis XIV.',
    'Il a duré soixante-douze ans.',
    'Le chiffre de 2016 est connu.',
    '2017 sera plus difficile à établir.',
    'Ils sont passés au plan B.',
    'Il a échoué lui aussi.',
    'Le sommet se tiendra à St-Pétersbourg.'
  ),
  prose(
    'fr',
    'hard negatives',
    'Le texte a été transmis à l’O.N.U.',
    'Elle n’a pas réagi.',
    'Le groupe a racheté Vivendi S.A.',
    'La transaction a été validée.',
    'La réunion a eu lieu au siège d’Apple Inc. à Cupertino.',
    'Les chiffres ont été confirmés par l’I.N.S.E.E. dans la soirée.'
  ),
  prose(
    'fr',
    'prose with numbered list',
    'Le rapport formule trois recommandations.',
    '1. Renforcer les contrôles.',
    '2. Publier les échanges.',
    '3. Saisir la justice.'
  ),
  prose(
    'fr',
    'prose',
    'WikiLeaks a aussi demandé les déclarations d’impôts de Donald Trump.',
    'Le site affirmait que leur publication le rendrait plus crédible.',
    'Il voulait paraître moins « pro-Trump » et moins « pro-Russie ».',
    'La campagne n’a pas donné suite.'
  ),
  prose(
    'fr',
    'prose',
    'Juste après minuit, le 9 novembre 2016, WikiLeaks a écrit « Wow. »',
    'Trump Jr. n’a pas répondu.',
    'En juillet 2017, il a publié l’ensemble de ces échanges.',
    'Il a assuré n’avoir rien à cacher.'
  ),

  prose(
    'fr',
    'sample 000: a quoted name after a short sentence',
    "Quand ce n'est pas le père, c'est le fils.",
    '"The Atlantic" révèle cette semaine que le site WikiLeaks a été en contact avec le fils aîné de Donald Trump, âgé de 39 ans.',
    "Il a lui-même confirmé l'existence de cette correspondance sur son compte Twitter."
  ),
  prose(
    'fr',
    'sample 000: lead ending with an ellipsis',
    'Durant toute la campagne présidentielle américaine de 2016, Donald Trump Jr aurait entretenu une correspondance accrue avec le site WikiLeaks...'
  ),
  prose(
    'fr',
    'sample 001: Jr. and M. in running prose',
    'Les échanges dévoilés par le magazine ont été reconnus par Donald Trump Jr.',
    'Ce dernier, forcé de reconnaître, a seulement minimisé leur portée.',
    'Après les révélations par voie de presse, Trump Jr. a en outre publié ces échanges sur son propre compte Twitter.',
    'Jusque-là, l’équipe Trump niait en bloc toutes relations avec l’organisation de M. Assange.'
  ),
  prose(
    'fr',
    'sample 001: a quotation closing a sentence',
    'Le compte argumente : «  Cela implique que la majorité des choses que nous publions sur Clinton auront un plus grand impact, parce que nous ne serons plus perçus comme une source pro-Trump et pro-Russe. »',
    'WikiLeaks n’obtiendra pas ces documents.',
    'Une prédiction fausse qui n’empêchera pas l’organisation de revenir vers Trump Jr. peu après la victoire du candidat républicain.'
  ),
  prose(
    'fr',
    'sample 001: question before a capital',
    'Vous voulez tout savoir sur la mobilité de demain, des voitures électriques aux VAE ?',
    'Abonnez-vous dès maintenant à notre newsletter Watt Else !'
  ),
  lines(
    'fr',
    'sample 002: captions with a credit',
    ["Donald Trump Junior a reconnu l'existence de la rencontre.", '[Reuters - Jonathan Ernst]'],
    ">> Lire aussi : Le point sur les soupçons d'ingérence russe dans la campagne américaine"
  ),
  prose(
    'fr',
    'sample 004: an embedded tweet',
    'Here is the entire chain of messages with @wikileaks (with my whopping 3 responses) which one of the congressional committees has chosen to selectively leak.',
    'How ironic!',
    '1/3 pic.twitter.com/SiwTqWtykA — Donald Trump Jr. (@DonaldJTrumpJr) 14 novembre 2017'
  ),
  prose(
    'fr',
    'sample 004: quotations and an elision',
    "WikiLeaks parle beaucoup et donne de l'épaisseur aux soupçons de partialité qui pèsent contre elle.",
    '"Si nous les publions, cela améliorera la perception de notre impartialité (...) Cela signifierait que toutes les choses que nous publions sur Hillary Clinton auront bien plus d\'impact", argumente ainsi WikiLeaks en octobre.',
    'La victoire surprise de Donald Trump est saluée par un simple "Wow" de la part de l\'ONG, vite suivi d\'une recommandation : "l\'administration Obama va sûrement essayer de supprimer des documents en partant. Juste un avertissement".',
    'Après la publication de ces conversations, WikiLeaks a réagi sur Twitter, évoquant "un manque de contexte" et des conversations "présumées".',
    'Sans donner plus de détails.'
  ),

  // ---------------------------------------------------------------- English
  prose(
    'en',
    'titles',
    'Mr. Smith met Mrs. Jones in Washington on Tuesday.',
    'Ms. Brown, a spokeswoman, declined to comment.',
    'Dr. Patel said the findings were preliminary.',
    'Gen. Mattis and Sen. McCain were briefed later that day.'
  ),
  prose(
    'en',
    'titles',
    'Gov. Cuomo signed the bill on Friday.',
    'The law takes effect in January.',
    'Rep. Ocasio-Cortez called it a first step.',
    'Prof. Hale of St. Andrews disagreed.',
    'Lt. Col. Vindman testified for nine hours.'
  ),
  prose(
    'en',
    'hard negative: Jr. at a sentence end',
    'The messages were released by Donald Trump Jr.',
    'He posted them on Twitter himself.',
    'WikiLeaks wrote to Trump Jr. again in December.',
    'Martin Luther King Jr. Day falls on a Monday this year.',
    'The company’s founder, John Smith Sr., retired in 2015.'
  ),
  prose(
    'en',
    'company abbreviations',
    'Apple Inc. Chief Executive Tim Cook said sales rose 3.5 percent.',
    'Shares of Acme Corp. fell after the report.',
    'The deal was announced by Barclays Holdings Ltd.',
    'The bank gave no figures.',
    'Analysts at Morgan Stanley & Co. expect more cuts.'
  ),
  prose(
    'en',
    'initials',
    'J. Assange founded WikiLeaks in 2006.',
    'The memo was signed by George W. Bush in 2003.',
    'Former U.S. Attorney Preet Bharara weighed in.',
    'U.K. officials said they had not been told.',
    'The novel by J. R. R. Tolkien was reissued.'
  ),
  prose(
    'en',
    'acronyms with periods',
    'The documents were shared with officials in the U.S.',
    'They were later leaked to the press.',
    'Talks with the E.U. resumed in March.',
    'A spokesman for the U.N. said the report would be released on Monday.',
    'The plan was backed by the U.S. and Britain.'
  ),
  prose(
    'en',
    'numbers',
    'The deficit reached 3.5 percent of GDP.',
    'Some 1,000,000 people signed the petition by 10:30 a.m. on Monday.',
    'Turnout was up 2.5 points from 2012.',
    'The bill passed 52-48.',
    'It now goes to the House.'
  ),
  prose(
    'en',
    'times and numbers',
    'The polls closed at 8 p.m.',
    'The first results came an hour later.',
    'At 6:35 p.m., WikiLeaks sent another message.',
    'The fine was set at $1.5 million.',
    'He finished No. 3 in the race.'
  ),
  prose(
    'en',
    'abbreviations',
    'Several outlets, e.g. The Atlantic and Politico, published the messages.',
    'The judge cited the precedent (see p. 12, vol. 3).',
    'It was Smith vs. Jones all over again.',
    'The term, i.e. the period before the vote, lasted ten weeks.',
    'Downing Street confirmed that No. 10 had been informed.'
  ),
  prose(
    'en',
    'abbreviations',
    'The emails were sent on Sept. 20, Oct. 3 and Nov. 8.',
    'They covered polls, taxes, leaks, etc.',
    'None of it was denied.',
    'The report runs to approx. 300 pages.',
    'Washington, D.C. officials declined to comment.',
    'Her office is on Pennsylvania Ave. near the White House.'
  ),
  prose(
    'en',
    'ellipses',
    'He paused... then he signed the letter.',
    'Nothing went as planned…',
    'The talks collapsed overnight.',
    '"We tried everything [...] but nothing worked," she said.',
    'The statement (...) was read aloud on Monday.'
  ),
  prose(
    'en',
    'ellipses',
    'The minister promised action… without saying what.',
    'Then nothing...',
    'Three weeks went by without news.',
    'The memo lists “leaks, hacks […] and lies” by the other side.'
  ),
  prose(
    'en',
    'quotations',
    '"Hey Donald, great to see you and your dad talking about our publications. Strongly suggest your dad tweets this link," WikiLeaks wrote.',
    'He did not reply.',
    'WikiLeaks wrote: "Hi Don. Hope you\'re doing well!"',
    'The message came days before Christmas.'
  ),
  prose(
    'en',
    'quotations',
    'He told reporters: "It\'s over."',
    'Then he left the room.',
    '“Why now? Why us?” asked one aide.',
    'Another said simply, “No comment.”'
  ),
  prose(
    'en',
    'quotations',
    '“Very little pick-up by the dishonest media of incredible information provided by WikiLeaks. So dishonest! Rigged system!” Trump tweeted 15 minutes later.',
    'The tweet was shared thousands of times.',
    'WikiLeaks called the exchange “a good sign. A very good sign.”',
    'Nobody asked what that meant.'
  ),
  prose(
    'en',
    'quotations: a paragraph that is one quoted message',
    "\"A PAC run anti-Trump site putintrump.org is about to launch. The PAC is a recycled pro-Iraq war PAC. We have guessed the password. It is 'putintrump.' See 'About' for who is behind it. Any comments?\""
  ),
  prose(
    'en',
    'quotations',
    'He added that Trump could say: "He\'s a smart, tough guy and the most famous Australian you have!"',
    'The suggestion went nowhere.',
    'According to an aide, "nobody believed it. Not even him."',
    'The embassy did not comment.'
  ),
  prose(
    'en',
    'questions and exclamations',
    'Was it legal?',
    'Lawyers disagree.',
    'What a week!',
    'Even so, the story dominated cable news for days.'
  ),
  prose(
    'en',
    'questions and exclamations inside quotations',
    '"Why now?" wondered one diplomat.',
    '"This is a scandal!" the congresswoman said.',
    '"And then what?", he asked, without getting an answer.',
    '“Wow.”',
    'That was the whole message.'
  ),
  prose(
    'en',
    'parentheses',
    'The candidate (had he even read the report?) dismissed the criticism.',
    'His reply (a single "Wow!") came after midnight.',
    'Nobody expected it (not even his own staff!).',
    'The next day, he changed his mind.',
    '(The spokesman declined to comment.)',
    'The case is closed.'
  ),
  prose(
    'en',
    'em dash',
    'The senator — who could have guessed? — voted yes.',
    'The bill passed anyway.',
    'The campaign — or at least part of it — knew about the messages.',
    'Its lawyers deny it.'
  ),
  lines(
    'en',
    'bullets',
    '• WikiLeaks was in contact with Donald Trump Jr.',
    '• It asked for his father’s tax returns',
    '• It suggested Julian Assange be named ambassador to the U.S.',
    '• Trump Jr. released the messages himself.'
  ),
  lines(
    'en',
    'bullets',
    '- The group met the lawyer in June 2016 in New York.',
    ['- The site wrote to the candidate’s son on Oct. 3, 2016.', 'It wanted publicity.'],
    '* No known reply'
  ),
  lines(
    'en',
    'chronology lines',
    'Sept. 20, 2016: WikiLeaks messages Trump Jr. on Twitter.',
    'Oct. 3, 2016: WikiLeaks asks him to promote a story.',
    'Nov. 9, 2016: "Wow."',
    'Dec. 16, 2016: "Hi Don. Hope you\'re doing well!"',
    'July 2017: the messages are made public'
  ),
  lines('en', 'heading and text', 'Timeline of the exchanges', [
    'Here is a recap of the correspondence.',
    'It spans ten months.'
  ]),
  prose(
    'en',
    'web addresses',
    'The site putintrump.org was about to launch.',
    'Readers can search the files at https://search.wikileaks.org/.',
    'The archive holds 50,000 emails.',
    'Send tips to tips@example.com.',
    'We read every message.'
  ),
  prose(
    'en',
    'handles',
    'The account @DonaldJTrumpJr shared the link at 10:37 a.m. on Oct. 14.',
    'It was retweeted by @WikiLeaks within minutes.',
    'The link pointed to wlsearch.tk.',
    'According to the site, it had 20,000 visits.',
    'Access is still free.'
  ),
  prose(
    'en',
    'prose',
    'WikiLeaks was in contact with Donald Trump Jr. between September 2016 and July 2017.',
    'The Atlantic revealed the exchanges on November 13, 2017.',
    'At the time, Donald Trump was the Republican nominee.',
    'He was running against Democrat Hillary Clinton.'
  ),
  prose(
    'en',
    'prose',
    'That same day, Trump Jr. alerted senior campaign officials.',
    'Jared Kushner forwarded the email to Hope Hicks.',
    'She now runs communications at the White House.',
    'None of them commented on the revelations.'
  ),
  prose(
    'en',
    'prose',
    'On October 14, 2016, Trump Jr. tweeted the link WikiLeaks had sent.',
    'Fifteen minutes earlier, his father had attacked the media.',
    'Both messages were widely shared.',
    'The organization welcomed the attention.'
  ),
  prose(
    'en',
    'hard negatives',
    'They switched to plan B.',
    'It failed as well.',
    'The 2016 figure is known.',
    '2017 will be harder to pin down.',
    'No.',
    'The committee did not vote.',
    'The summit will take place in St. Petersburg.'
  ),
  prose(
    'en',
    'hard negatives',
    'The text was sent to the U.N.',
    'It did not respond.',
    'The group bought Acme Holdings Inc.',
    'The deal closed in May.',
    'The meeting took place at Apple Inc. headquarters in Cupertino.',
    'The figures were confirmed by the F.B.I. later that evening.'
  ),
  prose(
    'en',
    'prose with numbered list',
    'The report makes three recommendations.',
    '1. Tighten controls.',
    '2. Publish the exchanges.',
    '3. Refer the matter to prosecutors.'
  ),
  prose(
    'en',
    'prose',
    'WikiLeaks also asked for Donald Trump’s tax returns.',
    'The site argued that publishing them would make it look more credible.',
    'It wanted to appear less "pro-Trump" and less "pro-Russia."',
    'The campaign did not follow up.'
  ),
  prose(
    'en',
    'prose',
    'Just after midnight on November 9, 2016, WikiLeaks wrote "Wow."',
    'Trump Jr. did not reply.',
    'In July 2017, he published all of the exchanges.',
    'He said he had nothing to hide.'
  ),
  prose(
    'en',
    'quotations followed by who said them',
    '"We are not going anywhere!" Assange told supporters from the balcony.',
    '"Is this legal?" Senator Mark Warner asked on Tuesday.',
    '"It\'s a witch hunt," Mr. Trump said in a statement.',
    'The White House did not respond to a request for comment.'
  ),
  prose(
    'en',
    'wire style',
    'WASHINGTON (AP) — The House Intelligence Committee released the messages on Monday.',
    'Rep. Adam Schiff, D-Calif., said they raised "serious questions."',
    'A lawyer for Mr. Trump Jr. said his client had "nothing to hide."',
    'The committee is expected to vote on Thursday.'
  ),
  prose(
    'en',
    'prose',
    'The exchanges began on Sept. 20, 2016, with a message about a website.',
    'WikiLeaks said the site was run by a political action committee.',
    '“We have guessed the password,” the account wrote.',
    'Trump Jr. replied that he would ask around.',
    'It was the first of three replies.'
  ),
  prose(
    'en',
    'mixed',
    'Was WikiLeaks working for the campaign?',
    'Its founder, Julian Assange, has always denied it.',
    'But the messages show a one-sided courtship… and a son who answered only three times.',
    'Mr. Assange, who lives in Ecuador’s embassy in London, declined to comment.'
  )
]

/** The text of a paragraph: its lines joined by "\n", each line its sentences joined by a space. */
export function paragraphText(paragraph: CorpusParagraph): string {
  return paragraph.lines.map((line) => line.join(' ')).join('\n')
}

/** The expected sentence boundaries of a paragraph: the end of every sentence but the last. */
export function expectedBoundaries(paragraph: CorpusParagraph): number[] {
  const boundaries: number[] = []
  let offset = 0
  paragraph.lines.forEach((line, lineIndex) => {
    line.forEach((sentence, sentenceIndex) => {
      offset += sentence.length
      boundaries.push(offset)
      offset += sentenceIndex < line.length - 1 || lineIndex < paragraph.lines.length - 1 ? 1 : 0
    })
  })
  boundaries.pop()
  return boundaries
}
