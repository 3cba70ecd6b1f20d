// Package search builds the register's search index at build time and
// answers queries from it; it is the only importer of bleve.
//
// It indexes the public view of each system (register.System.Public),
// whatever register it is given: the fields withheld for a restricted
// system (AI Act Art. 49(4): operating logic, models, data, development,
// vendor, hosting) never reach the index, its files or Similar.
//
// bleve does the language work: lower-casing, the German analyzer's stop
// words (extended with "dass" and other words its Snowball list lacks),
// German normalisation (ä/ae → a, ß → ss) and light stemmer for German
// text, and the English analyzer's possessive filter, stop words and Porter
// stemmer for English text. Words are runs of letters and digits, the rule
// the browser script applies to what is typed. German compounds are split
// into words of the register's own vocabulary and of maki's own word list
// (compounds.txt, EUPL-1.2 like maki), so "Genehmigung" finds
// "Baugenehmigungsverfahren" even in a register that never uses
// "Genehmigung" alone.
//
// Stop words are dropped at query time as at index time: the dictionary
// marks every stop word of either language, and a query does not require
// them (they only add to the score; a query of stop words alone is taken
// as it is). The operator's synonym groups (content/synonyme.yaml,
// register.Register.Synonyms) are applied at index time, one term per
// group (synonyms.go); the browser only joins the words of a synonym
// phrase ("künstliche Intelligenz") into one, from the list in meta.json.
//
// Ranking: systems that match more of the query's words exactly, as a
// stemmed form, synonym or compound part come before those matched only
// as a prefix or with one typo; then the score. When no system matches
// every word, the result is the systems matching the most words, marked
// partial; a word matched only as a typo yields a "Meinten Sie …?" query
// spelled as the register spells the word (Result).
//
// Scores are BM25F with field weights (name > tags > summary > organisation,
// topics > body), precomputed per term and system and quantised to one
// byte. The browser script sums them and nothing else: every analysis
// result it needs is in the dictionary, which maps each folded surface form
// to its terms. The files (see Index.Files) are split so that a one-word
// query downloads one dictionary shard, one postings pack and the summaries
// of the results it shows. Index.Search runs the same algorithm over the
// same bytes, so the command line, tests and browser rank alike; the tests
// run the browser script under node and compare.
package search
