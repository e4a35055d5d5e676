// Package layers holds the test that every package of the module imports
// only the packages that DESIGN.md's Layers table allows it.
package layers
