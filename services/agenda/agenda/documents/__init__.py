"""agenda's printed documents: a leader's daily and weekly agenda, the visitor pass."""
