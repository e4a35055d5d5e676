// Package workflows has no code. Its tests check that make lint's
// actionlint step passes the repository's GitHub workflows, which cannot
// run here, and fails a broken one.
package workflows
