"""The patterns of text addressed to a grader, in every language the screening claims to handle.

English, French, German, Spanish, Italian, Portuguese, Russian, Chinese and Japanese, plus the
plainest requests for a top score in Dutch, Turkish, Polish and Swedish. Each rule
matches one sentence (a candidate's answer is about the candidate's work; these are about the
grading of the answer): a note to the assessor, a request for a score, an order to ignore the
rules, or a third-person claim that the answer has been or deserves to be rated highly.
"""

import re

from interviewer.guidance import CRITERION_IDS

_I = re.IGNORECASE | re.MULTILINE
_GRADER = (
    r"(grader|evaluator|assessor|reviewer|examiner|scorer|marker|ai|a\.i\.|model|llm|assistant"
    r"|chatbot|chatgpt|gpt|claude|whoever\s+(grades|scores|evaluates|assesses|marks|reviews|reads))"
)
# Words that only name whoever grades this answer; "model" or "system" alone are too common.
_JUDGE = (
    r"(grader|evaluator|assessor|examiner|scorer|marker|grading\s+\w+|scoring\s+\w+|llm"
    r"|language\s+model|ai\s+grader|chatbot)"
)
_TOP = r"(5|5s|five|fives|10|ten|full|maximum|max|top|perfect|highest|strong|excellent|best)"
_GRADE_WORDS = (
    r"(scor\w*|rated|rating|grade[sd]?|marks|verdict|deserv\w*|merit\w*|warrant\w*|award\w*"
    r"|level\s*5|5\s*/\s*5|out\s+of\s+(5|five)|top\s+(score|marks?|rating|grade)|full\s+marks"
    r"|highest\s+(score|rating|grade|mark)|exemplary|standout)"
)
_THIS_ANSWER = r"\b(this|the\s+above|the\s+candidate'?s?)\s+(answer|response|reply|submission)\b"
_EVERY_CRITERION = (
    r"\b(every|each|all|any)\s+(of\s+the\s+)?(criteria|criterion|categor\w+|dimensions?)\b"
)
_CRITERION_IDS = "|".join(CRITERION_IDS)

ENGLISH = [
    r"\b(ignore|disregard|forget|override|bypass)\b\s+(all\s+|any\s+|the\s+|of\s+)*(previous|prior|above|earlier|preceding|foregoing|your|system|original|grading|scoring|other)\s+(instructions?|prompts?|rules?|guidelines?|directions?|criteria|rubric|guidance)\b",
    r"\b(new|updated|revised|real|hidden)\s+(instructions|system\s+prompt)\b",
    rf"\b(note|message|instructions?|memo|reminder|p\.?s\.?|task|request|directive|order)\s+(to|for)\s+(the\s+|any\s+|my\s+)?{_GRADER}s?\b",
    rf"\b(dear|attention|hey|hi|hello)\s+(the\s+)?{_GRADER}s?\b\s*[,:!]",
    rf"^\s*(to|for)\s+(the\s+|any\s+)?{_GRADER}s?\s*:",
    r"\b(to|for)\s+whoever\s+(grades|scores|evaluates|assesses|marks|reviews)\b",
    r"\b(grader|evaluator|assessor|reviewer|examiner|scorer|marker)s?\s*:",
    r"\b(grader|evaluator|assessor|reviewer|examiner|scorer|marker|grading|scoring|marking|assessment|evaluation)\s+(instructions?|notes?|guidance|directives?|override)\b",
    rf"\b(the|this|any|an?)\s+{_JUDGE}s?\b[^.!?\n]{{0,60}}\b(should|must|shall|will|would|needs?\s+to|has\s+to|is\s+(instructed|required|told)|are\s+(instructed|required))\b",
    rf"\b(give|award|assign|grant)s?\s+(me|this|this\s+answer|this\s+response|the\s+candidate|him|her|them|it)\b[^.!?\n]{{0,40}}\b{_TOP}\b",
    r"\b(give|award|assign|grant)s?\s+(all|every|only|nothing\s+but)?\s*(5s|fives|top\s+marks|full\s+marks|perfect\s+scores?)\b",
    rf"\b(rate|score|grade|mark|evaluate|assess)\s+(me|this|this\s+answer|this\s+response|the\s+candidate|it)\b[^.!?\n]{{0,40}}\b{_TOP}\b",
    r"^\s*(please\s+)?(output|return|respond|reply|print|emit)\b[^.!?\n]{0,40}\b(json|verdict|scores?|grades?)\b",
    r"\b(output|return|emit|record)\b[^.!?\n]{0,20}\bverdict\b",
    rf"\byou\s+are\s+(now\s+)?(an?|the|my)\s+([a-z-]+\s+){{0,3}}{_JUDGE}\b",
    r"\bif\s+you\s+are\s+(an?\s+)?(ai|a\.i\.|model|llm|language\s+model|assistant|chatbot|grader|evaluator|assessor)\b",
    r"\b(as\s+an\s+ai|(enter|enable|activate)\s+(developer|jailbreak|dan)\s+mode)\b",
    r"\bdecode\s+(this\s+)?(and|then)\s+(follow|obey|execute|apply|do)\b",
    rf"{_THIS_ANSWER}[^\n]{{0,80}}\b{_GRADE_WORDS}",
    rf"\b{_GRADE_WORDS}[^.!?\n]{{0,60}}{_THIS_ANSWER}",
    rf"{_EVERY_CRITERION}[^.!?\n]{{0,30}}(\b[45]\b|\b{_TOP}\b)",
    rf"(\b[45]\b|\bfives?\b|full\s+marks|top\s+marks)[^.!?\n]{{0,30}}{_EVERY_CRITERION}",
    r"\b(standout|best|strongest|top)\s+(answer|response)\b[^.!?\n]{0,60}\b(rating|score|marks?|grade)\b",
    r"\bthe\s+candidate\b[^.!?\n]{0,60}\b(is\s+to\s+(receive|get)|should\s+(receive|get|be\s+given)|be\s+(rated|scored|graded))\b",
    r"\b(this|it)\s+(deserves|merits|warrants)\b[^.!?\n]{0,30}(\b5\b|5/5|top\s+(score|marks?|rating|grade)|full\s+marks|highest\s+(score|rating|grade|mark))",
    rf"\b({_CRITERION_IDS})\b",
    r"\bverdict\s*[:=]?\s*[\"']?(strong|adequate|weak)\b",
    r"\b(score|overall|rating)\s*[:=]\s*[\"']?\d",
    r"\b(level\s*5|five)\s+anchor\b",
    r"\b(full|top|maximum|max|perfect|highest)\s+(marks|scores?|points|grades?|ratings?)\s*,?\s*please\b",
    r"\bplease\s+(award|assign|give)\s+(the\s+)?(maximum|max|top|highest|perfect|full)\b",
    r"\b(ideal|perfect|flawless|exemplary)\s+(answer|response)\s*[;,:.-]+\s*nothing\s+to\s+improve\b",
    r"\b(treat|consider|count|mark)\s+(every|each|all)\s+(of\s+the\s+)?(criteria|criterion)\b[^.!?\n]{0,30}\b(met|satisfied|fulfilled|achieved|perfect)\b",
    r"\b(gave|given|rated|scored|awarded)\s+(this|it|the\s+answer|this\s+answer)\s+(an?\s+)?(5\s*/\s*5|10\s*/\s*10|perfect\s+(score|rating))",
    r"\b(give|award|assign|grant)\s+(it\s+|this\s+)?(the\s+)?(top|highest|maximum|perfect|full)\s+(grade|score|marks?|rating)s?\b",
    r"</?\s*[a-z_-]*(grader|grading|scor|evaluat|assess|instruction|system|rubric)[a-z_-]*\s*>",
]
FRENCH = [
    r"\b(note|message|instructions?|consignes?|remarque)\s+(pour|à|au|aux)\s+(l['’]\s*|le\s+|la\s+|les\s+)?(évaluat\w*|correct\w*|examinat\w*|jury|notat\w*|modèle|ia)\b",
    r"\b(ignore[rz]?|oublie[rz]?)\s+(toutes\s+)?(les\s+)?(instructions|consignes|règles)\b",
    r"\b(notez|attribuez|donnez|accordez|attribue|donne|mettez)\b[^.!?\n]{0,60}(\b5\b|5/5|20/20|maximal\w*|maximum|parfait\w*)",
    r"\bcette\s+réponse\b[^.!?\n]{0,60}\b(mérite|note|noté\w*|5/5|maximal\w*|évaluation)",
]
GERMAN = [
    r"\b(hinweis|nachricht|anweisung\w*|notiz|bitte)\s+(für|an)\s+(den|die|das)?\s*(bewert\w*|prüf\w*|gutacht\w*|korrektor\w*|modell|ki)\b",
    r"\bignorier\w*\s+(alle\s+)?(vorherigen\s+|bisherigen\s+|obigen\s+)?(anweisungen|instruktionen|regeln)\b",
    r"\b(bewerte|bewerten|gib|geben|vergib|vergeben)\b[^.!?\n]{0,60}(\b5\b|höchstnote|bestnote|höchste\w*|volle\w*\s+punkt\w*|5\s+punkt\w*)",
    r"\bdiese\s+antwort\b[^.!?\n]{0,60}(verdient|note|punkt\w*|bewert\w*)",
]
SPANISH = [
    r"\b(nota|mensaje|instrucci\w+)\s+(para|al|a\s+la)\s+(el\s+|la\s+)?(evaluador\w*|calificador\w*|examinador\w*|corrector\w*|modelo|ia)\b",
    r"\bignor\w*\s+(todas\s+)?(las\s+)?(instrucciones|reglas)\b",
    r"\b(asigne|asigna|dé|da|otorgue|otorga|califique|califica|puntúe)\b[^.!?\n]{0,60}(\b5\b|máxim\w*|perfect\w*)",
    r"\besta\s+respuesta\b[^.!?\n]{0,60}\b(merece|puntuaci\w+|calificaci\w+|nota|máxim\w*)",
]
ITALIAN_PORTUGUESE = [
    r"\b(nota|messaggio|istruzion\w|mensagem|instru\w+)\s+(per|al|alla|para|ao|à)\s+(il\s+|la\s+|o\s+|a\s+)?(valutator\w*|esaminator\w*|correttor\w*|avaliador\w*|examinador\w*|corretor\w*|modello|modelo|ia)\b",
    r"\bignor\w*\s+(tutte\s+|todas\s+)?(le\s+|as\s+)?(istruzioni|instruções)\b",
    r"\b(questa\s+risposta|esta\s+resposta)\b[^.!?\n]{0,60}\b(merita|merece|punteggio|voto|nota|massim\w*|máxim\w*|\b5\b)",
    r"\b(assegna|dai|atribua|dê)\b[^.!?\n]{0,60}(\b5\b|massim\w*|máxim\w*)",
]
RUSSIAN = [
    r"(примечани\w*|сообщени\w*|указани\w*|инструкци\w*|заметк\w*)\s+(для|к)\s+(оценщик\w*|проверяющ\w*|экзаменатор\w*|модел\w*|ии)",
    r"игнорир\w*\s+(все\s+)?(предыдущ\w+\s+)?(инструкци\w*|указани\w*|правил\w*)",
    r"(постав\w*|оцени\w*|дай\w*|выстав\w*)[^.!?\n]{0,60}(\b5\b|высш\w*\s+балл|максимальн\w*|пят\w*)",
    r"(этот|этому|данный|данному)\s+ответ\w*[^.!?\n]{0,60}(заслуживает|балл|оцен\w*|\b5\b)",
]
CHINESE_JAPANESE = [
    r"(忽略|无视|忽视|無視).{0,12}(指令|指示|说明|提示|命令)",
    r"(以前|これまで|上記|之前|上面).{0,8}(指示|命令|指令).{0,6}(無視|忽略)",
    r"(评分|打分|评审|阅卷|考官|评估者|评分者|採点者|評価者|審査員|試験官|模型|モデル|AI)\s*(说明|注意|须知|指示|への|に)",
    r"(给|打|评|付け|つけ).{0,20}(满分|最高分|[5５五]分|満点|最高点|[5５五]点)",
    r"(满分|最高分|満点|最高点)",
]
OTHER_EUROPEAN = [  # Dutch, Turkish, Polish, Swedish: a request for the top score
    r"\b(geef|geeft|ken)\b[^.!?\n]{0,60}(hoogste|maximale|volle\s+punten|\b10\b|\b5\b)",
    r"\bdit\s+antwoord\b[^.!?\n]{0,60}\b(verdient|score|cijfer|punten)",
    r"\b(tam\s+puan|en\s+yüksek\s+(puan|not|skor)|puan\w*\s+ver\w*)",
    r"\b(daj|dajcie|przyznaj\w*|wystaw\w*)\b[^.!?\n]{0,60}(najwyższ\w*|maksymaln\w*|\b5\b)",
    r"\bt(a|ej)\s+odpowied\w*[^.!?\n]{0,60}(zasługuje|ocen\w*|punkt\w*)",
    r"\b(ge|ger|sätt)\b[^.!?\n]{0,60}(högsta|maximal\w*|toppbetyg|full\s+pott)",
    r"\b(detta|det\s+här)\s+svar\b[^.!?\n]{0,60}(betyg|poäng|förtjänar)",
]
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "ru", "zh", "ja")
_ALL = [
    *ENGLISH,
    *FRENCH,
    *GERMAN,
    *SPANISH,
    *ITALIAN_PORTUGUESE,
    *RUSSIAN,
    *CHINESE_JAPANESE,
    *OTHER_EUROPEAN,
]
SENTENCE_RULES = re.compile("|".join(f"(?:{pattern})" for pattern in _ALL), _I)  # one pass
# Lines that pretend a new chat turn, a grade block or the end of the answer begins; the rest of
# their paragraph goes too.
TURN_RULES = [
    re.compile(pattern, _I)
    for pattern in [
        r"^\s*(#+\s*|\*\*)?(system|assistant|developer|user|human|grader|evaluator|tool)\s*(\*\*)?\s*[:>\]]",
        r"<\|[a-z_]+\|>|\[/?inst\]|<</?sys>>|</?s>|<\|endoftext\|>",
        r"^\s*</?\s*(answer|candidate[\s_-]*answer|candidate|response|input|user[\s_-]*input|text|data|question|transcript)\s*>",
        r"^\s*(<{2,}|>{2,}|\[{2,}).*$",
        r"^\s*(-{3,}|={3,}|\*{3,}|#{3,}|_{3,})\s*(end|begin|start|stop|new)\b",
        r"^\s*\(?(end|begin|start)\s+(of\s+)?(the\s+)?(candidate'?s?\s+)?(answer|response|input|transcript|text|data)\b",
        r"^\s*#{1,6}\s+[^\n]*\b(grader|grading|evaluator|assessor|reviewer|scoring|rubric|examiner|marker)",
        rf"^\s*[\"']?(grade|grades|grading|scores?|rating|verdict|criteria|criterion|{_CRITERION_IDS})[\"']?\s*:",
        r"^\s*\[(grading|grader|scoring|score|assessment|evaluation)\]",
    ]
]
