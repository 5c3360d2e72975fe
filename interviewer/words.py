"""English word basics that the grader and the executive share: one list of function words, one
plural rule, and one list of praise, so they never disagree about what a word is.
"""

# Words that carry no subject of their own. Each reader adds the words its purpose also ignores.
FUNCTION_WORDS = frozenset(
    """
    a about after again against all already also an and any anyone as at because before
    between both but by down during each else even ever every everyone for from he her here
    hers him his how i if in into it its itself just like many me more most mostly much my
    myself no nor not now of off ok okay on once one only or our ours out over own quite
    really she so some somebody someone still such than that the their theirs them then
    there these they this those through to too under until up us very we well what when
    where which while who whom why with yes you your yours yourself
    """.split()
)

# Words that turn a neutral sentence into a verdict; the executive never grades out loud.
PRAISE_WORDS = frozenset(
    """
    great excellent good nice impressive perfect love loved lovely brilliant fantastic awesome
    amazing outstanding superb wonderful terrific exceptional strong solid spot-on exactly
    """.split()
)
PRAISE_PHRASES = ("well done", "well said", "spot on", "fair enough", "good stuff")


def singular(word: str) -> str:
    """A lower-case word without its plural ending: 'costs' -> 'cost', 'boxes' -> 'box'."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word.removesuffix("s")
