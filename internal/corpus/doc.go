// Package corpus generates synthetic but realistic content trees for the
// register (DESIGN §3): site settings, the topic vocabulary, organisations at
// every level (Bund, all 16 Länder, Kommunen with real-shaped AGS), the
// required static pages and any number of AI systems, half as .yaml and half
// as .md with a Markdown body.
//
// The output depends only on n and the seed: the same arguments give
// byte-identical files on every machine (math/rand/v2 PCG, one stream per
// system, so systems can be generated in any order and in parallel). Every
// generated tree is meant to pass "maki check" with zero errors; it is used
// by the benchmarks of the stages and by bench/ to compare maki with Hugo.
//
// Texts are German with umlauts and ß, built from administrative vocabulary
// (Bürgeramt, Wohngeldanträge, Baugenehmigungsverfahren …) so that search,
// stemming and compounds are exercised; about a fifth of the systems carry
// English translations.
package corpus
