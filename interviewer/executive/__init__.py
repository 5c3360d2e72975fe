"""The executive across the table: the protocol, the scripted offline one and the LLM in persona."""
