// Package docscheck holds the tests that keep the repository's documents
// true to the code: DESIGN.md's Layers table to every package's imports,
// the README's Go version to go.mod's.
package docscheck
