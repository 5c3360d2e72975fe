"""One interview session: the turn loop, its state, the event log, and the terminal it runs in."""
