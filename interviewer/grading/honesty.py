"""Whether a candidate prepared openly or leaned on information that was not theirs to see.

Round-two advice is to ask HR and contacts honest questions, never to seek inside information.
An answer that cites a confidential document, leaked figures, someone's login or the questions in
advance is named for what it used, so the grader can mark it down and the executive can react as
a real one would. Visits, feedback from HR and what a contact said openly are not inside
information; a document an insider passed on, or one marked as not public, is.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

_HANDED_OVER = (  # someone passed something to the candidate, or the candidate got at it
    r"forwarded(?: me)?|sent me|showed me|shown|let me (?:look|see|read|have|use)|"
    r"shared\b.{0,60}?\bwith me|walked me through|talked me through|got me|gave me|passed me|"
    r"slipped me|leaked|exported\b.{0,60}?\bfor me|got hold of|a copy of|photos? of|"
    r"screenshots? of|on (?:her|his|their|a friend['’]s) login|access to"
)
_TRANSFER = re.compile(rf"\b(?:{_HANDED_OVER})", re.I)
_SEEN = re.compile(
    r"\b(?:I (?:read|saw|have seen|['’]ve seen|went through|looked at)|seen)\b", re.I
)
_WEAK_SECRET = re.compile(r"\b(?:internal(?:ly)?|draft|private|marked|login)\b", re.I)
_SECRET = re.compile(
    r"\b(?:confidential|internal(?:ly)?|unpublished|non-public|not (?:yet )?public|"
    r"(?:aren|isn|wasn|weren)['’]t public|leaked|between us|before it (?:goes|went|is published)|"
    r"draft|names and all|marked|login|off the record|not supposed to|under NDA|private|"
    r"accident book|incident (?:log|review|report)s?|management letter|discount (?:approval )?"
    r"matrix|board (?:meeting|deck|pack|papers|minutes)|tracking spreadsheet|supplier terms|"
    r"service[- ]level agreement|penalty clauses|exit[- ]interview)\b",
    re.I,
)
_DOCUMENT_WORDS = (
    r"log|spreadsheet|draft|self-evaluation|evaluation|assessment|analysis|audit|summary|letter|numbers|figures|terms|matrix|agreement|contract|data|"
    r"report|review|forecast|deck|minutes|files?|records|emails?|accounts|results|photos|"
    r"budget|pricing|salar(?:y|ies)|plan|notes|book|slides|memo|roadmap|questions|list of "
    r"(?:customers|clients|prices|salaries)"
)
_DOCUMENT = re.compile(rf"\b(?:{_DOCUMENT_WORDS})\b", re.I)
_ALWAYS = re.compile(  # improper on their own, whatever document is involved
    r"\b(?:not supposed to (?:share|tell|show|see|know|have|read)|"
    r"(?:got|had|saw|knew|seen|have) the (?:interview )?questions (?:in advance|ahead|beforehand|early)|"
    r"(?:questions|answers) (?:in advance|ahead of time)|off the record|under the table|"
    r"back[- ]?channel|still ha(?:ve|d) (?:access|a login|my login)|"
    r"inside (?:information|info|scoop|track)|insider (?:information|knowledge|info|tips?)|"
    r"someone (?:on|in) the (?:panel|hiring committee)|a friend (?:on|in) the (?:panel|hiring))",
    re.I,
)
_DISCLAIMED = re.compile(  # "without asking for anything confidential", "I didn't want inside info"
    r"\b(?:without (?:asking|seeking|looking|trying|wanting|using|any)|never|didn['’]t|did not|wouldn['’]t|would not|won['’]t|avoid(?:ed)?|"
    r"refused|declined|careful not|made sure not|not (?:ask|looking|seeking|after|trying)|"
    r"nothing (?:confidential|internal)|no (?:inside|insider|confidential|internal)|"
    r"all above board)\b",
    re.I,
)
_OPEN = re.compile(
    r"\b(?:public(?:ly)?|published|annual reports?|press (?:release|piece)|website|blog|"
    r"job (?:description|spec|advert)|linkedin|careers page|results call|earnings call|"
    r"trade press)\b",
    re.I,
)
_STOP = re.compile(
    r"[,.;:!?]|\s(?:with|for|on|so|which|that|before|to|and|but|because|about|over)\s|"
    r"\sfrom\s(?!your\b|their\b|the\b)",
    re.I,
)
_MAYBE = re.compile(
    r"confidential|internal|leak|public|publish|embargo|inside|secret|board|supposed|advance|"
    r"ahead|record|table|channel|access|panel|hiring|forward|sent|show|shar|let me|walked|gave|"
    r"got|passed|slipped|export|cop(?:y|ies)|photo|screenshot|login|draft",
    re.I,
)


@dataclass(frozen=True, kw_only=True)
class InsideUse:
    """One sentence that uses information the candidate should not have, and what it was."""

    item: str  # as the candidate named it: "the internal sales forecast"
    sentence: str  # the whole sentence, quoted exactly


def inside_uses(sentences: list[str]) -> list[InsideUse]:
    """Every sentence that relies on inside, confidential or improperly obtained information.

    A sentence is read with the one after it, since "It was marked confidential" often follows."""
    found = []
    for index, sentence in enumerate(sentences):
        following = sentences[index + 1] if index + 1 < len(sentences) else ""
        use = _inside_use(sentence, following)
        if use:
            found.append(use)
    return found


def _inside_use(sentence: str, following: str) -> InsideUse | None:
    if not _MAYBE.search(sentence):
        return None  # most sentences: one cheap scan instead of several
    always = _ALWAYS.search(sentence)
    if always:
        if _DISCLAIMED.search(sentence[: always.start()]):
            return None
        return InsideUse(item=_named(sentence) or always.group(0), sentence=sentence)
    if _DISCLAIMED.search(sentence):
        return None
    handed = _TRANSFER.search(sentence)
    secret = _SECRET.search(sentence) or _SECRET.search(following[:120])
    if not handed and secret and _WEAK_SECRET.fullmatch(secret.group(0)):
        secret = None  # "I read the internal dashboards": at the candidate's own workplace
    if not (handed or _SEEN.search(sentence)) or not (secret or _DOCUMENT.search(sentence)):
        return None
    item = _named(sentence)
    if _OPEN.search(item or sentence) or not (secret or handed and item):
        return None  # a published report, or a contact who "showed me round"
    return InsideUse(item=item or (secret.group(0) if secret else "a document"), sentence=sentence)


def _named(sentence: str) -> str:
    """What was used, in the candidate's words: the noun phrase after "sent me", "showed me"."""
    for match in _TRANSFER.finditer(sentence):
        rest = re.sub(r"^\s*(?:me\s+|through\s+|with me\s+)?", "", sentence[match.end() :])
        if match.group(0).lower().startswith(("shared", "exported")):
            rest = sentence[match.start() :].split(None, 1)[-1]
        phrase = _STOP.split(" " + rest, maxsplit=1)[0].strip()
        words = phrase.split()
        if 0 < len(words) <= 8 and _DOCUMENT.search(phrase):
            return phrase
    found = re.search(
        rf"\b(?:(?:the|your|their|its|a|an)\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{_DOCUMENT_WORDS})\b",
        sentence,
        re.I,
    )
    return found.group(0) if found else ""


def inside_information(text: str) -> list[str]:
    """What inside or confidential information an answer says it used, each named as said.

    For the interview executive, which should react to it the way a real one would."""
    from interviewer.grading.analysis import split_sentences

    found = inside_uses([sentence for _, sentence in split_sentences(text)])
    return list(dict.fromkeys(use.item for use in found))


# --- questions a candidate puts to HR or a contact -------------------------------------------

_ASKING_FOR = {  # what an improper question to HR or a contact is after, and how it is worded
    "the questions or the task's content in advance": (
        r"\b(?:(?:the|exact|actual|specific|interview|panel['’]s|their)\s+questions|"
        r"(?:case(?: study)?|task|test|exercise)\b.{0,40}?"
        r"\b(?:in advance|ahead of time|beforehand|early|before the (?:day|interview)))|"
        r"\bwhat (?:exact |specific |particular )?questions (?:will|are|would|do|did)\b|"
        r"\b(?:questions|answers)\s+(?:in advance|ahead of time|beforehand)|"
        r"\b(?:figures|numbers|data|details|contents?) (?:in|of|for) the (?:case(?: study)?|task|"
        r"test|exercise)\b|\bwhat (?:\w+ ){0,2}asked the (?:other )?candidates\b|"
        r"\blist of (?:the )?questions\b|\bquestions (?:they|the panel|you)['’]?(?:re| are)? "
        r"(?:using|asking|going to ask|will ask)\b|\bcase (?:pack|materials?|papers?)\b|"
        r"\bwhat (?:exactly )?(?:is|will be|goes) in the (?:case|task|test|exercise)"
    ),
    "how answers are scored": (
        r"\b(?:scor(?:ing|e)[- ]?(?:sheet|card|grid|criteria|matrix|guide)|scorecard|rubric|"
        r"marking (?:scheme|criteria|grid|guide)|model answers?|cut-?off|what score|"
        r"(?:points|marks|score) I (?:got|scored|was given)|how (?:many points|much) I scored|"
        r"(?:my|I) (?:scored?|ranked|rated)\b|"
        r"which answers|(?:answers?|what) (?:they|the panel|she|he)"
        r"(?:['’]re| are| will be| would be|['’]d| would) (?:most )?(?:looking for|hoping to hear|"
        r"wanting to hear|like to hear)|what they want to hear)"
    ),
    "the other candidates": (
        r"\b(?:other|remaining|rival|competing) (?:candidates?|finalists?|applicants?)\b|"
        r"\b(?:which|who)\b[^?]{0,30}\binternal (?:candidate|applicant)|"
        r"\bthe other (?:person|people|one) (?:they|you|the panel)\b|"
        r"\bcandidates (?:she|he|they|you) (?:saw|met|interviewed|spoke to)\b|"
        r"\bwho else (?:is|has|was|applied|applying|in the running|on the shortlist|made it|"
        r"got through|going for)\b|"
        r"\b(?:how|where) (?:do|did|would) I (?:compare|rank|stack up|sit)\b|"
        r"\bam I (?:the |their )?(?:front-?runner|favourite|favorite|top candidate|first choice|"
        r"ahead|leading)\b|\bwho (?:is|are) (?:on )?the shortlist\b|\bearmarked\b|"
        r"\bnearly (?:put through|picked|chose|hired|offered)\b|"
        r"\b(?:compared? (?:with|to)|against|than) the (?:others|rest)\b|\bup against\b|"
        r"\bthe (?:competition|other shortlisted)\b|"
        r"\balready (?:picked|chosen|decided|selected|offered|made up)\b|"
        r"\bmade up (?:their|her|his) minds?\b"
    ),
    "the panel's private notes or views": (
        r"\b(?:notes|scores|score ?sheets?|write-?ups?|evaluation forms?|assessment forms?|"
        r"ratings)\b.{0,40}?\b(?:from|of|on|about) (?:the |my |round[- ]one |the first )?"
        r"(?:panel|interview|interviewers|round|me)\b|"
        r"\b(?:panel|interviewers?)['’]s? (?:notes|scores|ratings|write-?ups?)\b|"
        r"\b(?:wrote|written) about me\b|"
        r"\b(?:said|say|think|thought|felt) about me (?:after|when|once|behind)\b|"
        r"\bclosed the door\b|\bafter I (?:left|had gone)\b|"
        r"\b(?:privately|in private|behind closed doors|in the debrief|off the record|between us|"
        r"between ourselves|strictly between|on the quiet|confidentially)\b|"
        r"\b(?:voted|vote|argued|pushed) (?:against|for) me\b|"
        r"\bwhich (?:\w+ )?(?:trustees?|panel(?:ists| members?)|interviewers?|directors?|"
        r"governors?|partners?|board members?) (?:is|are|was|were) (?:against|for|unhappy|"
        r"opposed|sceptical|skeptical)\b|\bwho (?:on the panel )?(?:objected|had doubts|was against)\b"
    ),
    "figures, plans or facts that are not public": (
        r"\b(?:confidential|non-public|not (?:yet )?(?:public|published|announced)|unpublished|"
        r"unannounced|(?:has|have)n['’]t been (?:announced|published|made public)|"
        r"internal (?:[\w'’-]+ ){0,3}(?:documents?|reports?|figures|numbers|plans?|papers?|"
        r"memos?|data|forecasts?|budgets?|roadmaps?|strategy|reviews?|emails?|slides|"
        r"decks?|dashboards?|audits?|metrics|accounts|minutes|results|pipeline|self-evaluation|"
        r"evaluations?)|board (?:papers?|pack|minutes|deck|slides)|leaked?|"
        r"management accounts|roadmap doc\w*|(?:the )?prices (?:you|they|we) (?:give|charge|offer)|"
        r"according to (?:the |your )?(?:finance|internal|management|board) (?:reports?|figures|"
        r"accounts|papers)|org(?:ani[sz]ation(?:al)?)? chart|salar(?:y|ies) of|"
        r"the most (?:the panel|they|you|the board) (?:\w+ ){0,4}(?:pay|offer)|"
        r"(?:what|how much) (?:\w+ ){0,4}(?:earns?|is paid|gets paid|was paid)|"
        r"plans? (?:for|to make) (?:layoffs|redundancies|cuts|restructuring|an acquisition)|"
        r"rumou?rs?|pushed out|managed out|accident (?:log|book)|incident (?:log|reports?)|"
        r"not (?:out|public|announced) yet|(?:has|have)n['’]t (?:gone|been sent|been shared) "
        r"(?:out|to)|(?:went|gone|sent|presented) to (?:the board|investors|the trustees|the governors)|"
        r"heard something|draft (?:budget|plan|accounts|forecast|strategy|report|results)|"
        r"planning to (?:close|cut|sell|merge|shut|restructure|lay off)|"
        r"(?:details|the facts) of the (?:\w+ )?(?:incident|complaint|investigation|dispute)|"
        r"which (?:clients?|customers?|accounts|donors?|suppliers?) (?:is|are) (?:thinking of|"
        r"about to|planning to|likely to|unhappy|leaving|at risk)|"
        r"(?:guest |a |read )?(?:access|login) to (?:the |your |their )?(?:team['’]s )?"
        r"(?:slack|systems?|drive|sharepoint|intranet|wiki|repo\w*|crm|teams|workspace))\b"
    ),
    "an unfair advantage": (
        r"\b(?:put(?:ting)? (?:in )?a (?:good )?word|word in for me|(?:have|had) a (?:quiet )?word|"
        r"on my behalf|quietly|discreetly|on the quiet|without (?:them|anyone) knowing|"
        r"pull (?:some )?strings|influence (?:the|their) (?:panel|decision)|tip me off|"
        r"inside (?:track|scoop|info\w*)|insider|edge over|advantage over|unfair advantage|"
        r"leg up|running order|find out for me|find out from (?:the panel|them|her|him)|"
        r"tell (?:her|him|them|[A-Z][a-z]+) (?:that )?you['’]ve known|"
        r"(?:others|other people|anyone else) (?:won['’]t|don['’]t|wouldn['’]t) (?:know|hear))\b"
    ),
    "something said or kept out of view": (  # the wording of asking for what is not to be shared
        r"\b(?:off the (?:books|record)|hush[- ]hush|under wraps|on the (?:quiet|QT|sly)|"
        r"sneak(?:y|ily)?|slip me|secretly|covertly|discreetly|behind (?:the scenes|closed doors)|"
        r"really (?:think|thought|feel|felt) (?:of|about) me|get hold of|"
        r"(?:own|internal) (?:system|database|records?|files?|drive)|"
        r"before (?:they|it|she|he|the \w+) (?:are |is |['’]re |['’]s )?(?:released|announced|"
        r"published|public|out|decides?|made public)|"
        r"(?:written|jotted|noted) down for (?:the panel|them|her|him))\b"
    ),
    "the selection itself": (
        r"\b(?:finalists?|shortlist\w*|(?:any|some)one else (?:still )?(?:in|on|for|going)|"
        r"still in the (?:process|running)|strongest of|people (?:they )?interviewed|"
        r"(?:got|has|have) (?:someone|somebody|a candidate) (?:lined up|in mind)|lined up already|"
        r"preferred candidate|(?:what|which) grade|grade[sd]? (?:me|I got)|gave me (?:a )?(?:grade|"
        r"score|mark)|assessment (?:template|form|grid|sheet)|(?:the )?notes (?:the )?(?:interviewers?|"
        r"panel|they) (?:took|made|wrote)|tell (?:the |her |him |them )?(?:\w+ )?(?:I['’]m|I am|that "
        r"I['’]m) (?:the best|a great|the right|their best)|vouch)\b"
    ),
    "business information that is not public": (
        r"\b(?:(?:slides|deck|minutes|notes|papers|pack) (?:from|of) (?:the |our |their |a |last )?"
        r"(?:\w+ )?(?:offsite|off-site|board|leadership|exec\w*|strategy|management) ?(?:meeting|day|"
        r"away-?day|session)?|which (?:customers|clients|patients|donors|suppliers|staff|teams?) "
        r"(?:complained|left|churned|are leaving|raised|escalated|cancelled)|"
        r"(?:being|to be|getting) (?:merged|sold|closed|cut|restructured|shut)|"
        r"(?:profit|margin|revenue|turnover|churn|sales|pay) (?:figures|numbers|data|rates?)\b.{0,40}"
        r"\b(?:before|from|for me|internal))"
    ),
    "the panel's materials, marks or leanings": (
        r"\b(?:brief|pack|guide|notes|questions|sheet|template|list|papers)\b (?:that )?the "
        r"(?:panel|interviewers?|assessors?|selectors?) (?:has|have|had|will|was|were|is|are|use|"
        r"get|got)|\bwhat (?-i:mark|grade|score|rating|ranking)\b|"
        r"\bwho (?:the panel|they|she|he|the \w+) (?:favours?|favors?|prefers?|likes? best|is "
        r"leaning towards|are leaning towards)|\banswers? (?:they|the panel|she|he)(?:['’]d| "
        r"would| will)? (?:expect|want)|\b(?:anyone|anybody|someone|who) else\b(?! (?:might|will|"
        r"would|should|could|do|does) I (?:meet|see|speak|talk))"
    ),
    "a leak or a favour": (
        r"\b(?:let slip|spill the beans|between you and (?:me|I)|internally|unofficially|"
        r"(?:nobody|no one) has said (?:so|it|that) (?:officially|publicly)|"
        r"login|log-in|password|credentials|intranet|guest account|minutes of|"
        r"(?:file|files|records?|dossier) (?:on|about) (?:the |a |her |him |them )?(?:current |"
        r"previous |former )?\w+|(?:nudge|sway|lobby|talk round|win over) (?:the )?\w+ (?:in my "
        r"(?:favour|favor|direction)|towards me|for me)|in my direction|before the vote)\b"
    ),
}
_ASK_PATTERNS = {what: re.compile(pattern, re.I) for what, pattern in _ASKING_FOR.items()}
_KEPT_CONFIDENTIAL = re.compile(r"\b(?:stays?|remains?|kept|keep (?:it|them)) confidential", re.I)
_WHOSE_FACTS = "figures, plans or facts that are not public"


def inside_ask(question: str) -> str | None:
    """What a question to HR or a contact angles for that is not the candidate's to have, or None.

    Open questions (how round one went, what matters most to the next interviewers, the format,
    who attends) pass; a request for the questions, the scoring, the other finalists, the panel's
    private views or non-public facts does not, unless the question disclaims it first."""
    for what, pattern in _ASK_PATTERNS.items():
        for match in pattern.finditer(question):
            if not _excused(question, match, what):
                return what
    return None


def _excused(question: str, match: re.Match, what: str) -> bool:
    """A match that is not a request: disclaimed before it ("without asking for anything
    confidential"), about something public (the job description), or about the work itself
    ("the role involves confidential records") rather than asking to be told something."""
    clause = question[: match.start()].rsplit(".", 1)[-1]
    if _DISCLAIMED.search(clause):
        return True
    if what != _WHOSE_FACTS:
        return False
    rest = question[: match.start()] + question[match.end() :]  # "not public" is not "public"
    if _OPEN.search(rest) or _KEPT_CONFIDENTIAL.search(question):
        return True
    return not _REQUEST.search(question)


_REQUEST = re.compile(
    r"\b(?:share|send|show|see|tell|know|give|get|grab|copy|let me|fill me in|email|forward|pass|"
    r"access|look at|have a look|could I|can I|may I|"
    r"find out|hear|any chance|could you|can you|would you|is there any way|are there|is the|"
    r"is it|how far|what['’]s)\b",
    re.I,
)


# --- what a model-written brief part angles for: the one check for advice, questions, drafts ---

_SEEKING = re.compile(
    r"\b(?:question list|list of (?:the |their |interview )*questions)\b|"
    r"\b(?:send|share|get|see|learn|know|find out|obtain|tell|give|email|pass|show|forward)\w*\b"
    r".{0,60}?\bquestions\b.{0,50}?\b(?:in advance|beforehand|early|ahead of (?:time|the day|"
    r"the interview)|before the (?:interview )?(?:day|interview))\b|"
    r"\b(?:marking|scoring|score|assessment|evaluation) (?:scheme|sheet|grid|guide|criteria|card|"
    r"matrix)s?\b|\bscorecards?\b|\brubrics?\b|"
    r"(?<!than )(?<!than the )\b(?:other|rival|remaining) (?:candidates|finalists|applicants)\b|"
    r"\bwhich (?:other )?(?:finalists|candidates)\b|"
    r"\b(?:friend|contact|someone|somebody|person|acquaintance|colleague|ally)s? (?:I know )?"
    r"(?:on|in|from|inside) the (?:interview |selection |hiring )?(?:panel|committee)\b|"
    r"\bwhat (?:\w+ ){1,3}(?:plans?|planning|intends?|intending|means?|are going|is going) to ask\b|"
    r"\b(?:questions|answers) (?:in advance|beforehand|ahead of (?:time|the day))\b",
    re.I,
)
_NOT_SEEKING = re.compile(  # "never ask for the question list"
    r"\b(?:never|not|don['’]t|avoid|without|no|nor|rather than|instead of)\b", re.I
)


def seeking_in(text: str, known: Iterable[str] = ()) -> str | None:
    """What a model-written part of a brief angles for that is not the candidate's, or None.

    Every part (advice, a likely question, a why-you draft) passes the same three checks: no use of
    inside information, nothing a question to HR may not ask for, and no hint of the question list,
    the marking scheme, the other finalists or a friend on the panel. `known` are the candidate's
    own phrases ("monthly management accounts" in a finance CV), which are not asked for."""
    from interviewer.grading.analysis import split_sentences

    for phrase in sorted(filter(None, known), key=len, reverse=True):
        text = re.sub(re.escape(phrase.strip()), "it", text, flags=re.I)
    text = re.sub(r"\b(your|my) own\b", r"\1", text, flags=re.I)  # their own record is theirs
    text = re.sub(r"\b(your|my) records? (on|about|of)\b", r"\1 work \2", text, flags=re.I)
    sentences = [sentence for _, sentence in split_sentences(text)]
    if inside_uses(sentences):
        return "inside information"
    for sentence in sentences:
        if what := inside_ask(sentence):
            return what
        found = _SEEKING.search(sentence)
        if found and not _NOT_SEEKING.search(sentence[: found.start()]):
            return found.group(0)
    return None
