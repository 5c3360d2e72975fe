"""Preparing for round two before it happens: a profile drafted from what the candidate already
has (a job ad, a CV, round-one notes), and a brief that says which stories to get ready."""
