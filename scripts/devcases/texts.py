"""Lines translators and editors add that have no counterpart, per language.

Why: real translations carry credits, captions, "continue reading" teasers, notes, key
tables and code, and an aligner must not pair them with the text around them.
"""

from __future__ import annotations

# Lines a translation desk adds: English credits and notes (0-1), Russian captions and
# "read also" teasers (1-0), short translator's notes inside a paragraph (0-1).
EN_CREDITS = (
    "Translated by Anna Petrova.",
    "Source: Kommersant",
    "Editor's note: this article has been updated.",
    "Translation: Michael O'Connor; editing: Lena Sokolova.",
    "Photo: Reuters / Maxim Shemetov",
    "English version prepared by Daria Kim for our international desk.",
    "This story was first published in Russian.",
    "Correction: an earlier version misspelled the name of the region.",
)
RU_CAPTIONS = (
    "Фото: РИА Новости",
    "Читайте также: Как выбрать зимние шины и не переплатить",
    "Фото: Александр Кузнецов / ТАСС",
    "Подписывайтесь на наш канал в Telegram",
    "Читайте также: В Екатеринбурге открылся новый каток",
    "Материал подготовила Ольга Смирнова",
    "Иллюстрация: Екатерина Белова",
    "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter",
)
EN_NOTES = (
    "(Translator's note: sums are given in roubles.)",
    "(The name has been changed at the speaker's request.)",
    "(Translator's note: the quotation is rendered freely.)",
    "(Editor's note: the company did not reply to our request.)",
    "(Translator's note: the term has no exact English equivalent.)",
    "(The figures are from the regional statistics office.)",
    "(Editor's note: the interview was recorded before the decision.)",
    "(Translator's note: the original wording is a pun.)",
)

# Lines one side adds as a paragraph of their own, by language (any family, any pair).
OWN_LINES: dict[str, tuple[str, ...]] = {
    "en": EN_CREDITS + (
        "Continue reading",
        "Continue reading below",
        "Read more: how the region plans its budget",
        "Editor's note: quotes have been edited for length and clarity.",
        "Photo caption: the square before the ceremony.",
    ),
    "ru": RU_CAPTIONS + (
        "Читать далее",
        "Продолжение следует",
        "Примечание редакции: цитаты сокращены.",
        "Перевод выполнен по изданию 1998 года.",
    ),
    "de": (
        "Übersetzung: Katrin Weber",
        "Weiterlesen",
        "Anmerkung der Redaktion: Der Text wurde gekürzt.",
        "Foto: dpa / Markus Scholz",
        "Lesen Sie auch: Wie die Vereinten Nationen arbeiten",
        "Diese Fassung wurde 2009 überarbeitet.",
    ),
    "fr": (
        "Traduit par Claire Dubois.",
        "Lire la suite",
        "Note de la rédaction : le texte a été abrégé.",
        "Photo : AFP / Jean Martin",
        "À lire aussi : comment fonctionnent les Nations unies",
        "Cette version a été révisée en 2009.",
    ),
    "uk": (
        "Переклад: Олена Коваль",
        "Читати далі",
        "Примітка редакції: текст скорочено.",
        "Фото: Укрінформ",
        "Читайте також: як працює Організація Об'єднаних Націй",
        "Цю версію переглянуто у 2009 році.",
    ),
}

# Short notes inside a paragraph (sentence level), by language.
NOTES: dict[str, tuple[str, ...]] = {
    "en": EN_NOTES,
    "ru": (
        "(Прим. перев.: в оригинале игра слов.)",
        "(Прим. ред.: имя изменено по просьбе собеседника.)",
        "(Прим. перев.: термин оставлен без перевода.)",
        "(Прим. ред.: компания не ответила на запрос.)",
    ),
    "de": (
        "(Anm. d. Übers.: Der Begriff hat kein genaues Gegenstück.)",
        "(Anm. d. Red.: Die Zahl stammt aus dem Jahr 1948.)",
        "(Anm. d. Übers.: Die Wendung ist frei wiedergegeben.)",
    ),
    "fr": (
        "(N.d.T. : le terme n'a pas d'équivalent exact.)",
        "(N.d.l.R. : le chiffre date de 1948.)",
        "(N.d.T. : la tournure est rendue librement.)",
    ),
    "uk": (
        "(Прим. перекл.: термін не має точного відповідника.)",
        "(Прим. ред.: цифра стосується 1948 року.)",
        "(Прим. перекл.: вислів передано вільно.)",
    ),
}

# Software documentation: notes one side adds (Debian Handbook, English source, Russian
# translation), a key table whose rows are one word each, and code blocks that both sides
# carry unchanged.
DOC_NOTES: dict[str, tuple[str, ...]] = {
    "en": (
        "NOTE This section applies to the stable release only.",
        "TIP You can skip this step on a fresh installation.",
        "CAUTION Back up your configuration files first.",
        "See also the manual page of the command.",
    ),
    "ru": (
        "ПРИМЕЧАНИЕ ПЕРЕВОДЧИКА Названия пакетов оставлены без перевода.",
        "Прим. перев.: в русской локали вывод команд может отличаться.",
        "СОВЕТ Русскоязычное сообщество поддерживает свой список рассылки.",
        "Перевод этого раздела обновлён для выпуска Stretch.",
    ),
}
KEY_TABLE: dict[str, tuple[tuple[str, str], ...]] = {
    # (key, action) rows; the key stays as it is in every language
    "en": (("Key", "Action"), ("F1", "Help"), ("Ctrl+C", "Copy"), ("Ctrl+V", "Paste"),
           ("Ctrl+Z", "Undo"), ("Ctrl+S", "Save"), ("Ctrl+F", "Search"), ("Ctrl+Q", "Quit"),
           ("Tab", "Complete"), ("Esc", "Cancel")),
    "ru": (("Клавиша", "Действие"), ("F1", "Справка"), ("Ctrl+C", "Копировать"),
           ("Ctrl+V", "Вставить"), ("Ctrl+Z", "Отменить"), ("Ctrl+S", "Сохранить"),
           ("Ctrl+F", "Поиск"), ("Ctrl+Q", "Выход"), ("Tab", "Дополнить"), ("Esc", "Отмена")),
}
CODE_BLOCKS: tuple[str, ...] = (
    "# apt update && apt full-upgrade",
    "$ dpkg -l | grep ^ii | wc -l",
    "# systemctl restart apache2.service",
    "$ ssh -L 8080:localhost:80 admin@falcot.com",
    "deb http://deb.debian.org/debian stretch main contrib",
    "# update-alternatives --config editor",
    "$ tail -f /var/log/syslog",
    "auto eth0 iface eth0 inet dhcp",
)


def inserted_texts() -> frozenset[str]:
    """Every line the builder may add, so a test can tell added lines from data."""
    lines = {*CODE_BLOCKS}
    for pool in (*OWN_LINES.values(), *NOTES.values(), *DOC_NOTES.values()):
        lines.update(pool)
    for rows in KEY_TABLE.values():
        lines.update(cell for row in rows for cell in row)
    return frozenset(lines)
