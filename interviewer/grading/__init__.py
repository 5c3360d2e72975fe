"""Critiquing one answer: the pipeline and its guards, the offline grader and the LLM grader."""
