/**
 * The game as the broadcast's score bug shows it: where the bug is, the teams it names, and every score state it
 * displayed. A stage package: it imports nothing of Courtside's, and analysis, selection, commentary, render and
 * the API read its types.
 */
package io.courtside.scoreboard;
