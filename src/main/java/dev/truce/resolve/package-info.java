/** The engine's face: runs the strategies over a conflicted file and renders and reports the result. */
package dev.truce.resolve;
