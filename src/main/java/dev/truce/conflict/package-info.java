/** The conflict model: what a three-way merge of one file left undecided, as files, hunks and context. */
package dev.truce.conflict;
