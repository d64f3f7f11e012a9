"""What each paragraph is: body, heading, byline, caption, credit or note.

Kinds matter because credits, captions and "read more" lines usually have no counterpart
on the other side; the aligner can let them stand alone instead of gluing them to a
neighbour. Rules look at the shape of a line (length, final punctuation, capitals,
position) and at short phrase lists. The phrase lists of all languages are applied to
every document, because pages quote boilerplate in other languages ("Source: Vot-Tak.TV"
under a Russian article). Every rule has a length limit, so a long body paragraph that
happens to start with "Source" or "Фото" stays body. When unsure, a paragraph is body.
"""

from __future__ import annotations

import re
from typing import Sequence

# ---------------------------------------------------------------------------- phrases
# Each entry is a regular-expression fragment, matched case-insensitively at the start of
# a paragraph and followed by a word boundary.

_NOTE_PREFIX: dict[str, tuple[str, ...]] = {
    "en": ("read also", "also read", "see also",
           "editors?['’]s? note", "translator['’]s note", "note from the (?:editor|translator)",
           "correction\\s*:", "update(?:d)?\\s*:", "clarification\\s*:",
           "if you (?:notice|find|spot|see) (?:an? )?(?:error|mistake|typo)",
           "read more\\s*[:»>→]", "continue reading\\s*[:»>→]", "keep reading\\s*[:»>→]",
           "(?:continue|keep) reading (?:below|here)",
           "the translation of this (?:section|chapter|page|article) (?:was|has been) updated",
           "related\\s*:", "related (?:articles|stories|posts)",
           "was this (?:article|page|answer|information) (?:helpful|useful)",
           "did you find (?:this|it) (?:helpful|useful)", "still need help",
           "share this", "share on", "follow us on", "subscribe to", "the views expressed",
           "the opinions expressed", "views expressed in this", "your email address will not",
           "required fields are marked", "tags\\s*:", "filed under",
           "like this\\s*:", "click here to"),
    "ru": ("читайте также", "читайте еще",
           "примечание (?:редакции|переводчика|ред\\.)", "прим\\. (?:ред|перев?)\\.?", "от редакции",
           "поправка\\s*:", "обновлено\\s*:", "нашли ошибку", "заметили ошибку",
           "читайте ещё", "читать также", "читать (?:далее|дальше|полностью)\\s*[:»>→]",
           "смотрите также", "см\\. также", "продолжение читайте",
           "(?:была ли|оказалась ли) (?:эта )?(?:статья|страница|информация) полезн\\w*",
           "подписывайтесь", "подпишитесь на", "мнение автора может не совпадать",
           "мнение редакции может не совпадать", "точка зрения автора может не совпадать",
           "мнение авторов может не совпадать", "ваш адрес email не будет",
           "обязательные поля помечены", "теги\\s*:", "метки\\s*:", "поделиться\\s*:",
           "больше новостей", "по теме\\s*:", "читайте (?:далее|ниже)\\s*[:»>→]?",
           "перевод (?:этого |данного )?(?:раздела|главы|статьи|страницы|документа) обновл\\w*"),
    "uk": ("читайте також", "дивіться також", "продовження читайте", "читайте продовження",
           "читати (?:далі|повністю)\\s*[:»>→]",
           "примітка (?:редакції|перекладача|ред\\.)", "прим\\. (?:ред|перекл?)\\.?", "від редакції",
           "переклад (?:цього )?(?:розділу|глави|статті|сторінки|документа) оновлено",
           "виправлення\\s*:", "оновлено\\s*:", "знайшли помилку",
           "чи (?:була|виявилася) (?:ця )?(?:стаття|сторінка|інформація) корисн\\w*",
           "підписуйтесь", "підписуйтеся", "думка автора може не збігатися",
           "точка зору автора може не збігатися", "поділитися\\s*:", "теги\\s*:"),
    "de": ("lesen sie auch", "lesen sie mehr", "mehr zum thema", "teilen sie",
           "weiterlesen\\s*[:»>→]", "anmerkung (?:der redaktion|des übersetzers|der übersetzerin)",
           "anm\\. d\\. (?:red|übers)\\.", "hinweis der redaktion", "korrektur\\s*:",
           "aktualisierung\\s*:", "aktualisiert\\s*:",
           "(?:war|ist) (?:dieser artikel|diese seite|diese antwort|diese information) hilfreich",
           "folgen sie uns", "die meinung des autors", "die in diesem artikel geäußerte", "weiterlesen unten",
           "die übersetzung dieses (?:abschnitts|kapitels|artikels) wurde aktualisiert",
           "schlagwörter\\s*:"),
    "fr": ("lire aussi", "à lire aussi", "a lire aussi", "voir aussi",
           "lire la suite\\s*[:»>→]", "note (?:de la rédaction|du traducteur|de la traductrice)",
           "n\\.?d\\.?l\\.?r\\.?\\s*:", "mise à jour\\s*:", "rectificatif\\s*:",
           "(?:cet article|cette page|cette réponse) vous a-t-(?:il|elle) été utile",
           "abonnez-vous",
           "suivez-nous", "les opinions exprimées", "les propos tenus", "partager sur",
           "lire la suite ci-dessous", "la traduction de cette (?:section|page) a été mise à jour"),
    "es": ("lee también", "lea también", "leer también", "ver también", "leer más\\s*:",
           "suscríbete",
           "síguenos", "las opiniones expresadas", "compartir en"),
}
"""Notes: navigation and editorial boilerplate, recognised by how they start."""

_NOTE_WHOLE: tuple[str, ...] = (
    "comments?", "read more", "share", "share this", "related", "advertisement", "like this",
    "loading", "subscribe", "reply", "cancel reply", "leave a (?:reply|comment|response)",
    "(?:оставить|оставьте|написать|напишите) (?:комментарий|отзыв|ответ)",
    "залиш(?:ити|те) коментар", "(?:schreibe|hinterlasse) einen kommentar",
    "kommentar (?:hinterlassen|schreiben)", "lai?ss(?:er|ez) un commentaire",
    "deja(?:r)? (?:un comentario|una respuesta)",
    "комментари[йи]", "комментарии \\(\\d+\\)", "реклама", "поделиться", "читать далее",
    "подробнее", "коментарі?", "поділитися", "детальніше",
    "continue reading(?: the (?:main )?story)?", "keep reading",
    "read (?:the )?full (?:story|article)",
    "back to top", "sponsored(?: content)?", "subscribe now", "sign up",
    "читать (?:дальше|полностью)", "подписаться", "наверх", "вернуться наверх",
    "читати (?:далі|повністю)", "підписатися", "нагору",
    "mehr lesen", "abonnieren", "jetzt abonnieren", "nach oben", "zurück nach oben",
    "lire la suite", "lire plus", "s['’]abonner", "abonnez-vous", "retour en haut(?: de la page)?",
    "kommentare?", "anzeige", "werbung", "teilen", "weiterlesen",
    "commentaires?", "publicité", "partager",
    "comentarios?", "publicidad", "compartir", "leer más",
)
"""Notes that are the whole paragraph (a counter like "(12)" and final ":" allowed)."""

_CREDIT_PREFIX: tuple[str, ...] = (
    # sources
    "sources?\\s*:", "источники?\\s*:", "джерел[оа]\\s*:", "quellen?\\s*:", "fuentes?\\s*:",
    "sources? —", "источник —",
    # translation
    "translat(?:ed|ion)(?: from [\\w-]+)?(?: into [\\w-]+)?\\s*(?:by|:)", "translator\\s*:",
    "перевод(?: с [\\w-]+(?: языка)?)?\\s*[:—–-]", "перевод с [\\w-]+ языка",
    "переводчик\\s*:", "переводчица\\s*:", "перевод (?:выполнен|сделан|подготовлен)",
    "переклад (?:виконан\\w*|зроблен\\w*)", "translation (?:made|done|prepared) (?:from|by)",
    "übersetzung (?:nach|aus) der ausgabe", "traduction (?:réalisée|faite) (?:d'après|à partir)",
    "переклад(?: з [\\w-]+)?\\s*[:—–-]", "перекладач\\s*:",
    "übersetzung(?: aus dem [\\w-]+)?\\s*[:—–-]", "übersetzt (?:aus dem [\\w-]+ )?von",
    "aus dem [\\w-]+ (?:übersetzt )?von",
    "traduction(?: de l['’][\\w-]+)?\\s*[:—–-]", "traduit (?:de l['’][\\w-]+ )?par",
    "traducción(?: del [\\w-]+)?\\s*[:—–-]", "traducido (?:del [\\w-]+ )?por",
    "traductora?\\s*:",
    # origin, editing, rights
    "originally published", "first published", "this (?:article|story|piece) (?:was|first)",
    "[\\w-]+ (?:version|translation) (?:was )?(?:prepared|produced|made|written) by",
    "(?:prepared|compiled|reported|reporting) by", "reporting\\s*:",
    "материал подготовил[аи]?", "текст подготовил[аи]?", "подготовил[аи]?\\s+(?-i:[А-ЯЁ][а-яё]+\\s+[А-ЯЁ])",
    "подготовила редакция", "при участии",
    "впервые опубликован", "материал впервые", "статья впервые", "оригинал(?: статьи)?\\s*:",
    "original(?:artikel)?\\s*:", "редактор\\s*:", "редактура\\s*:", "edited by",
    "текст\\s*:", "text\\s*:", "©", "\\(c\\)\\s*\\d{4}", "copyright",
)
"""Credits: where the text comes from, who translated or edited it, whose rights."""

_CREDIT_ANYWHERE = re.compile(
    r"\b(?:all rights reserved|все права защищены|усі права захищені|alle rechte vorbehalten|"
    r"tous droits réservés|todos los derechos reservados)\b", re.IGNORECASE)
_CREDIT_TRANSLATOR = re.compile(
    r"^(?i:перевел[аи]?|перевёл|переклал[аи]?|переклав)\s+"
    r"(?:(?i:с|со|з|із)\s+[\w-]+\s+(?:(?i:языка|мови)\s+)?)?[A-ZА-ЯЁІЇЄҐ]")
"""A translator named after a verb ("Перевела Анна Иванова"), not "Перевела дух"."""
_CREDIT_TRANSLATION_OF = re.compile(
    r"^(?i:перевод|переклад)\s+(?:(?i:с|со|з|із)\s+[\w-]+\s+(?:(?i:языка|мови)\s+)?)?"
    r"[A-ZА-ЯЁІЇЄҐ][\w'’-]*(?:\s+[A-ZА-ЯЁІЇЄҐ][\w'’.-]*){1,3}$")
"""The translator's full name after the noun, and nothing else ("Переклад Олени Шевченко",
"Перевод с английского Анны Ивановой"); "Переклад Біблії тривав роками." is body."""
_CREDIT_LANGUAGE_ONLY = re.compile(
    r"^(?:перевод с [\w-]+(?: языка)?|переклад з [\w-]+(?: мови)?|"
    r"translated from (?:the )?[\w-]+|aus dem [\w-]+(?: übersetzt)?|"
    r"traduit (?:de l['’]|du )[\w-]+)\s*[.:]?$", re.IGNORECASE)
"""A line that only says which language the text was translated from."""

_CAPTION_WORDS = (
    "photos?", "photograph", "photo credit", "crédits? photos?", "images?", "picture",
    "illustrations?", "video", "screenshot", "фото", "фотографи[яи]", "иллюстрация",
    "изображение", "видео", "скриншот", "кадр", "фотографія", "світлина", "ілюстрація", "відео",
    "bild", "bildquelle", "fotos?", "abbildung", "grafik", "imagen", "vídeo", "captura",
    "(?:photo|image|picture) caption", "caption to the (?:photo|image|picture)",
    "подпись (?:к|под) (?:фото|снимк\\w*|фотографи\\w*)", "підпис (?:до|під) (?:фото|світлин\\w*)",
    "автор (?:фото|снимка|фотографии)", "автор (?:фото|світлини)",
    "bildunterschrift", "légende(?: de la)? photo",
)
_CAPTION_START = re.compile(
    r"^(?:" + "|".join(_CAPTION_WORDS) + r")(?:\s*[:—–|/©]|\s+(?:by|credit|de|von|par|por)\b|$)",
    re.IGNORECASE)
_CAPTION_NAMED = re.compile(
    r"^(?:(?i:фото)\s+[A-ZА-ЯЁІЇЄҐ©]|(?i:фото|photo|foto)\s+(?i:автора|из архива|з архіву|"
    r"пресс-служб\w*|прес-служб\w*|из открытых источников|з відкритих джерел|из соцсетей|"
    r"courtesy|by|von|de|par|via|editor|редактор|credits?)\b)[^.!?…]*$")
"""A photo credit without a colon ("Фото Reuters", "Фото автора", "Photo courtesy of"), not
a sentence that starts with the word ("Фото на стене висело криво.") nor an English
title-case heading ("Photo Albums")."""
_CAPTION_INSIDE = re.compile(
    r"(?:^|[.;|/(\[—–-]\s*)(?:photo|фото|foto|image|bild|фотография|иллюстрация|"
    r"illustration|imagen|фотографія|ілюстрація)\s*:", re.IGNORECASE)
_CAPTION_AGENCY = re.compile(
    r"(?:/|©|\bvia\b|\|)\s*(?:getty images|reuters|afp|ap|epa|tass|тасс|риа новости|"
    r"shutterstock|scanpix|unsplash|wikimedia commons|east news|sipa|dpa|ap photo)\b"
    r"[^.!?]{0,40}\)?$", re.IGNORECASE)

_ADMONITION_LABELS = (
    # documentation admonitions
    "NOTE", "NOTES", "TIP", "TIPS", "HINT", "CAUTION", "WARNING", "IMPORTANT", "ATTENTION",
    "DANGER", "REMARK", "BEWARE",
    "ПРИМЕЧАНИЕ", "ЗАМЕТКА", "СОВЕТ", "ПОДСКАЗКА", "ВНИМАНИЕ", "ОСТОРОЖНО", "ПРЕДУПРЕЖДЕНИЕ",
    "ПРЕДОСТЕРЕЖЕНИЕ", "ВАЖНО",
    "ПРИМІТКА", "ПОРАДА", "ПІДКАЗКА", "УВАГА", "ОБЕРЕЖНО", "ПОПЕРЕДЖЕННЯ", "ВАЖЛИВО",
    "HINWEIS", "ANMERKUNG", "TIPP", "ACHTUNG", "WARNUNG", "VORSICHT", "WICHTIG", "GEFAHR",
    "REMARQUE", "ASTUCE", "CONSEIL", "AVERTISSEMENT",
    # sidebar boxes of technical books
    "BACK TO BASICS", "GOING FURTHER", "IN PRACTICE", "SPECIFIC CASE", "QUICK LOOK",
    "CULTURE", "VOCABULARY", "COMMUNITY", "ALTERNATIVE", "TOOL", "SECURITY", "DOCUMENTATION",
    "PERSPECTIVE", "HISTORY", "DISCOVERY",
    "НАЗАД К ОСНОВАМ", "К ОСНОВАМ", "УГЛУБЛЯЕМСЯ", "НА ПРАКТИКЕ", "ОСОБЫЙ СЛУЧАЙ",
    "ОСОБЕННЫЙ СЛУЧАЙ",
    "КУЛЬТУРА", "СЛОВАРЬ", "СООБЩЕСТВО", "АЛЬТЕРНАТИВА", "ИНСТРУМЕНТ", "БЕЗОПАСНОСТЬ",
    "ДОКУМЕНТАЦИЯ", "ПЕРСПЕКТИВА", "ДОПОЛНИТЕЛЬНО", "ИСТОРИЯ",
)
_ADMONITION_LABEL = re.compile("|".join(_ADMONITION_LABELS))
"""Any box label, anywhere, even inside a word: a text without one holds no box. Each
label begins with a capital, and the regex engine skips ahead to the capitals that begin
one, so this rules most texts out several times faster than :data:`_ADMONITION_INSIDE`,
which is tried at every space."""
_ADMONITION = re.compile(r"^(?:" + _ADMONITION_LABEL.pattern + r")\s+\S")
"""A sidebar or admonition box ("TIP Reading a list on the Web", "СОВЕТ …"): the label in
capitals, as typeset, then its title or text. Translators drop or add such boxes, so
they are notes; case-sensitive, so that "Tip the waiter" and "Culture matters" stay body."""
_ADMONITION_INSIDE = re.compile(
    r"(?:^|([.!?:;…»\"”)\]])?\s)(?:" + _ADMONITION_LABEL.pattern + r")\s+([^\W\d_])")
"""A box label anywhere, as a word of its own: the sentence end before it (if any) and its
title's first letter are captured."""
_ADMONITION_MAX_WORDS = 20

_BYLINE_PREFIX = re.compile(
    r"^(?:by|von|par|por|автор(?:ка)?\s*:|author\s*:|авторка\s*:|autor(?:in)?\s*:|"
    r"auteure?\s*:|text by|story by|written by)\s+", re.IGNORECASE)

# ---------------------------------------------------------------------------- dates
_MONTHS = set("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
января февраля марта апреля мая июня июля августа сентября октября ноября декабря
январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
янв фев февр апр июн июл авг сен сент окт ноя нояб дек
січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня
січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень
januar jänner februar märz april mai juni juli august september oktober november dezember
janvier février mars avril mai juin juillet août septembre octobre novembre décembre
enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
diciembre
""".split())
_DATE_FILLERS = set("""
monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье
пн вт ср чт пт сб вс
понеділок вівторок середа четвер пʼятниця п'ятниця субота неділя
montag dienstag mittwoch donnerstag freitag samstag sonntag
lundi mardi mercredi jeudi vendredi samedi dimanche
lunes martes miércoles jueves viernes sábado domingo
г гг год года году р року рік the of at on am pm um uhr h à a las los le de del el en
в во о об мск msk utc gmt cet cest eet eest kyiv kiev moscow москва київ
published updated posted last опубликовано обновлено дата публикации опубліковано
оновлено veröffentlicht aktualisiert publié mis jour publicado actualizado
""".split())
_DATE_NUMBER = re.compile(r"^\d{1,4}(?:st|nd|rd|th|-?е|-?го|er)?$")
_NUMERIC_DATE = re.compile(
    r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2}"
    r"(?:t\d{1,2}:\d{2}(?::\d{2})?(?:z|[+-]\d{2}:?\d{2})?)?)$")
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?::\d{2})?(?:am|pm)?$")
_TOKEN_STRIP = ",;:|()[]—–-·•"

# ---------------------------------------------------------------------------- names
_NAME_PARTICLES = set("""
von van der den de da di du la le del della bin ibn al el ben ter
фон ван дер де ди ла ле аль ибн бен
""".split())
_NAME_JOINERS = set("и and und et y e та і & ,".split())
_NOT_NAME = set("""
the a an new how why what who when where this that these those our my your his her its
their in on at for to of with from by not no after before is are was were will can
it we they he she you i
в на как что почему где кто это не мы я они он она все как когда зачем новый новая новые
у з як що чому де хто це ми вони він вона
der die das ein eine wie warum was wer wo nicht
le la les un une comment pourquoi qui où
el la los las un una cómo por qué quién dónde
""".split())

_TERMINAL = tuple(".!?…:;,")
_CLOSERS = "»”\"’')]}›"
_HEADING_MAX_WORDS = 12
_HEADING_MAX_CHARS = 120
_SHORT = 25
"""Word limit for notes, credits, captions: boilerplate lines are short."""
_WORDS_COUNTED = 31
"""Splits of a paragraph into words that :func:`classify` makes: every limit above (30
words at most) is decided on them, and a longer paragraph's last piece is its rest."""


def _compile_prefix(fragments: Sequence[str]) -> re.Pattern[str]:
    """Fragments at the start of a paragraph, also inside an opening bracket: "(Editor's note"."""
    return re.compile(r"^[(\[]?\s*(?:" + "|".join(fragments) + r")(?!\w)", re.IGNORECASE)


_NOTE_START = _compile_prefix([f for group in _NOTE_PREFIX.values() for f in group])
_NOTE_LINE = re.compile(
    r"^(?:" + "|".join(_NOTE_WHOLE) + r")(?:\s*\(\d+\))?\s*(?:[:.…!]|\.\.\.|[»>→]+)?"
    r"(?:\s*(?:cancel reply|отменить ответ|скасувати відповідь))?$", re.IGNORECASE)
_CREDIT_START = re.compile(r"^(?:" + "|".join(_CREDIT_PREFIX) + r")", re.IGNORECASE)


# ---------------------------------------------------------------------------- API
def classify(texts: Sequence[str], lang: str | None = None,
             known: Sequence[str | None] | None = None) -> list[str]:
    """The kind of each text (one of ``align.model.SEGMENT_KINDS``).

    ``known`` holds kinds the file format already marked (a Markdown or HTML heading);
    ``None`` entries are classified here. ``lang`` is accepted for future per-language
    rules; today the phrase lists of all languages apply to every text.
    """
    n = len(texts)
    kinds: list[str | None] = list(known) if known is not None else [None] * n
    if len(kinds) != n:
        raise ValueError("known kinds and texts differ in length")
    # no rule counts past 31 words: a long paragraph's first words are all it needs
    # (a whole book split into words took a second)
    words = [text.split(maxsplit=_WORDS_COUNTED) for text in texts]
    # 1. phrase and shape rules that need no context
    for i, text in enumerate(texts):
        if kinds[i] is None:
            kinds[i] = line_kind(text, words[i])
    # 2. an author's name right under the title
    for i in range(1, min(n, 6)):
        if kinds[i] is None and _is_name_line(words[i]) and _under_title(i, texts, words, kinds):
            kinds[i] = "byline"
    # 3. an author's name signing off at the end (only boilerplate after it)
    for i in range(n - 1, 0, -1):
        if kinds[i] is not None:
            continue
        if _is_name_line(words[i]) and any(kind is None for kind in kinds[:i]):
            kinds[i] = "byline"
        break
    # 4. headings inferred from shape: short, unpunctuated, followed by a longer paragraph
    for i in range(n):
        if kinds[i] is None and _is_heading(i, texts, words, kinds):
            kinds[i] = "heading"
    return [kind or "body" for kind in kinds]


def line_kind(text: str, words: list[str] | None = None) -> str | None:
    """The kind a paragraph has on its own (note, credit, caption, byline), or None."""
    words = text.split() if words is None else words
    if not words:
        return None
    count = len(words)
    if count <= 30 and (_NOTE_START.match(text) or _NOTE_LINE.match(text)):
        return "note"
    if count <= _ADMONITION_MAX_WORDS and _ADMONITION.match(text):
        return "note"
    if count <= _SHORT and (_CREDIT_START.match(text) or _CREDIT_ANYWHERE.search(text)):
        return "credit"
    if count <= 10 and _CREDIT_TRANSLATOR.match(text):
        return "credit"
    if count <= 8 and (_CREDIT_TRANSLATION_OF.match(text) or _CREDIT_LANGUAGE_ONLY.match(text)):
        return "credit"
    if count <= _SHORT and _is_caption(text, count):
        return "caption"
    if count <= 14 and is_date_line(text):
        return "byline"
    prefix = _BYLINE_PREFIX.match(text)
    if prefix and count <= 10 and _is_name_line(text[prefix.end():].split(), max_words=8):
        return "byline"
    return None


def opens_a_box(text: str) -> bool:
    """Whether the text begins with an admonition or sidebar label ("TIP …", "СОВЕТ …"),
    however long it is: a translation may glue the box's title to its text."""
    return bool(_ADMONITION.match(text))


def holds_a_box(text: str) -> bool:
    """Whether an admonition or sidebar label starts the text, or one of its later words
    after a sentence's end or before a capitalised title ("… still provides them.
    VOCABULARY Authentication", "[…] ИНСТРУМЕНТ fakeroot"): a translation may glue a box
    to the paragraph before it."""
    if _ADMONITION_LABEL.search(text) is None:  # most texts: no label at all
        return False
    return opens_a_box(text) or any(
        before or following.isupper() for before, following in _ADMONITION_INSIDE.findall(text))


def is_date_line(text: str) -> bool:
    """True for a paragraph that is only a date (and maybe a time or "Published:")."""
    has_month = has_number = has_numeric = False
    for raw in text.lower().split():
        token = raw.strip(_TOKEN_STRIP)
        if not token:
            continue
        bare = token.rstrip(".")
        if _NUMERIC_DATE.match(bare):
            has_numeric = True
        elif bare in _MONTHS:
            has_month = True
        elif _DATE_NUMBER.match(bare) or _TIME.match(bare):
            has_number = True
        elif bare not in _DATE_FILLERS:
            return False
    return has_numeric or (has_month and has_number)


def _is_caption(text: str, count: int) -> bool:
    if _CAPTION_START.match(text) or _CAPTION_INSIDE.search(text):
        return True
    if count <= 6 and _CAPTION_NAMED.match(text):
        return True
    return bool(_CAPTION_AGENCY.search(text))


def _is_name_line(words: Sequence[str], max_words: int = 4) -> bool:
    """2–4 capitalised name words, or two such names joined by "и"/"and"; no final period."""
    if not words or len(words) > 2 * max_words + 1:
        return False
    if words[-1].endswith((".", "!", "?", ":", "…", ",")) and not _initial(words[-1]):
        return False
    groups: list[int] = [0]
    for word in words:
        bare = word.rstrip(",")
        low = bare.lower() or ","  # a comma standing alone (tokenised text) joins names
        if low in _NAME_JOINERS:
            groups.append(0)
            continue
        if low in _NAME_PARTICLES and groups[-1]:
            continue
        if low in _NOT_NAME or not _name_word(bare):
            return False
        groups[-1] += 1
        if word.endswith(","):
            groups.append(0)
    return len(groups) <= 3 and all(2 <= size <= max_words for size in groups)


def _name_word(word: str) -> bool:
    if not word:
        return False
    if _initial(word):
        return True
    if not word[0].isupper() or any(ch.isdigit() for ch in word):
        return False
    letters = word.replace("-", "").replace("'", "").replace("’", "")
    return letters.isalpha() and not (len(letters) > 3 and letters.isupper())


def _initial(word: str) -> bool:
    """"A." or "А.Б." — an initial."""
    return bool(re.fullmatch(r"(?:[^\W\d_]\.){1,2}", word)) and word[0].isupper()


def _under_title(i: int, texts: Sequence[str], words: list[list[str]],
                 kinds: list[str | None]) -> bool:
    """Everything before ``i`` is a title (heading or heading-shaped) or other non-body."""
    saw_title = False
    for j in range(i):
        if kinds[j] == "heading" or (kinds[j] is None and _heading_shape(texts[j], words[j])):
            saw_title = True
        elif kinds[j] is None:
            return False
    return saw_title


def _heading_shape(text: str, words: list[str]) -> bool:
    if not words or len(words) > _HEADING_MAX_WORDS or len(text) > _HEADING_MAX_CHARS:
        return False
    if text.rstrip(_CLOSERS).endswith(_TERMINAL):
        return False
    first = next((ch for ch in text if ch.isalnum()), "")
    return bool(first) and (first.isupper() or first.isdigit())


def _is_heading(i: int, texts: Sequence[str], words: list[list[str]],
                kinds: list[str | None]) -> bool:
    """Short, unpunctuated, capitalised, and then a longer paragraph (or the title)."""
    if not _heading_shape(texts[i], words[i]):
        return False
    following = next((j for j in range(i + 1, len(texts)) if kinds[j] in (None, "body")), None)
    if following is None:
        return False
    if i <= 3 and all(kind not in (None, "body") for kind in kinds[:i]):
        return True  # the title (or a subtitle under it) at the top of the text
    previous = next((j for j in range(i - 1, -1, -1) if kinds[j] in (None, "body", "heading")),
                    None)
    if (previous is not None and kinds[previous] != "heading"
            and _heading_shape(texts[previous], words[previous])):
        return False  # a run of short lines is a list, not headings
    size, next_size = len(words[i]), len(words[following])
    return (next_size >= max(8, 2 * size)
            and not _heading_shape(texts[following], words[following]))
