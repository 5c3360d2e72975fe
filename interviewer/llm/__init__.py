"""Talking to OpenAI-compatible endpoints: the client, what we learned per endpoint, token budgets."""
