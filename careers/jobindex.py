"""The keyword index of openings: what is indexed, and how a query reads it.

Index side (``job_tokens``, called by ``Job.update_search_text``): the lower-cased words
of an opening's text, space-separated, stored in ``jobs.search_tokens`` (the titles' words
on the first line, to rank title matches first).  A run of Chinese (or Japanese) characters
becomes its overlapping bigrams followed by its last character: 计算机视觉 -> 计算 算机 机视
视觉 觉.  On SQLite the model's mapper events copy the tokens into the FTS5 table
``fts_jobs`` (columns title and body; ``rebuild`` after bulk inserts); on PostgreSQL a
trigger (core migration) computes ``jobs.search_vector`` (stripped ``to_tsvector('simple',
...)``, GIN index) and the small ``jobs.title_vector``.

Query side (``parse_query``): every term must match, as before.

- A Chinese word of two or more characters is the phrase of its bigrams, which matches
  exactly where the text contains the word (算法 finds 计算机视觉算法工程师; 机器学习 is
  "机器 器学 学习"): the same answers as the substring search it replaces, with no
  dependence on how a word segmenter would cut the text.  One character is a prefix
  query on the bigrams (算*), which the trailing character of each run completes.
- A Latin word is a prefix query: ``engineer`` finds "Engineers" and "engineering"
  (but, unlike a substring search, ``gineer`` finds nothing).  A single letter or digit
  is a word of its own: ``c`` finds C, not every word that starts with c.
- A run of more than four Chinese characters typed without spaces is cut into words by
  jieba (``careers.search.tokens``, the candidate search's tokenizer), and each word must
  match: 机器学习平台工程师 finds 机器学习平台 ... 工程师 as well as the exact string.
- ``c++`` and ``c#`` are words of their own (cplusplus, csharp in text and query).
  Another term with characters the index drops (``node.js``, ``100%``) keeps the
  substring check on ``jobs.search_text`` (LIKE / strpos), narrowed by the indexed
  parts of the term (node js, 100) where there are any; a term with none (``%``)
  reads every opening's text, as all searches did before the index.

Tokens go into FTS5 and tsquery syntax only as word characters inside quotes, so no input
reaches either syntax (``"``, ``*``, ``NEAR(``, ``OR``, ``-``, ``&``, ``!``, ``:*``).
"""

from __future__ import annotations

import dataclasses
import re
import typing as t

# Chinese (CJK unified ideographs, extensions, compatibility) and Japanese kana.
_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_SPLIT = re.compile(f"([{_CJK_CHARS}]+)")
_WORD = re.compile(r"[^\W_]+")
# Names of languages the word split would lose: c++ -> cplusplus, c# -> csharp (text and query alike).
_PLUS = re.compile(r"([^\W_]+)\+\+")
_SHARP = re.compile(r"([^\W_]+)#")
MAX_TOKEN = 200  # PostgreSQL does not index words over 2047 bytes; queries are shorter than this
JIEBA_ABOVE = 4  # Chinese runs longer than this (typed without spaces) are cut into words
MAX_TERMS = 8


def _pieces(word: str) -> list[tuple[str, bool]]:
    """``word`` (word characters only) split into (piece, is_chinese) runs."""
    return [(part, bool(i % 2)) for i, part in enumerate(_CJK_SPLIT.split(word)) if part]


def _bigrams(run: str) -> list[str]:
    return [run[i:i + 2] for i in range(len(run) - 1)]


def _normalise(text: str) -> str:
    return _SHARP.sub(r"\1sharp", _PLUS.sub(r"\1plusplus", text.lower()))


def index_tokens(text: str) -> str:
    """The index tokens of ``text``, space-separated (see the module docstring)."""
    out: list[str] = []
    for word in _WORD.findall(_normalise(text)):
        for piece, chinese in _pieces(word):
            if chinese:
                out += _bigrams(piece)
                out.append(piece[-1])
            else:
                out.append(piece[:MAX_TOKEN])
    return " ".join(out)


def job_tokens(title_zh: str, title_en: str, search_text: str) -> str:
    """``jobs.search_tokens``: the titles' tokens, a newline, then the tokens of the whole text.

    The first line feeds the title part of the index (SQLite: the ``title`` column of
    ``fts_jobs``; PostgreSQL: ``title_vector``), which ranks title matches first.
    """
    return f"{index_tokens(f'{title_zh} {title_en}')}\n{index_tokens(search_text)}"


def title_part(tokens: str) -> str:
    return tokens.split("\n", 1)[0]


def _prefix(piece: str, chinese: bool) -> str:
    """``*`` where ``piece`` is matched as a prefix: a Latin word, or one Chinese character
    (among the bigrams).  A single letter or digit is a word of its own (``c`` is C, not
    every word starting with c, which would be most of the index)."""
    return "*" if chinese or len(piece) > 1 else ""


@dataclasses.dataclass(frozen=True)
class Term:
    """One term of a query: ``text`` must appear in the opening's text (lower case)."""

    text: str
    # The indexed parts: (piece, is_chinese); empty when the term has no word characters.
    parts: tuple[tuple[str, bool], ...]
    # Whether the parts are the whole term (else the substring check on search_text stays).
    exact: bool

    def fts5(self) -> list[str]:
        """FTS5 query phrases, each quoted: "机器 器学 学习", "算"*, "engineer"*, "c"."""
        return [f'"{" ".join(_bigrams(p))}"' if chinese and len(p) > 1 else f'"{p}"' + _prefix(p, chinese)
                for p, chinese in self.parts]

    def tsquery(self) -> list[str]:
        """tsquery operands: '机器' & '器学' & '学习' (no positions: see ``needs_text_check``), '算':*."""
        return [" & ".join(f"'{b}'" for b in _bigrams(p)) if chinese and len(p) > 1
                else f"'{p}'" + (":*" if _prefix(p, chinese) else "") for p, chinese in self.parts]

    def needs_text_check(self, dialect: str) -> bool:
        """Whether ``search_text`` must also be checked for ``text``.

        SQLite's phrase query is exact.  The PostgreSQL vector keeps no positions (GIN could
        not use them without re-reading every candidate's vector), so a Chinese word of three
        or more characters, found by its bigrams, is confirmed on the matching rows only.
        """
        if not self.exact:
            return True
        return dialect != "sqlite" and any(chinese and len(p) > 2 for p, chinese in self.parts)


def _words(run: str) -> list[str]:
    """A long Chinese run cut into words by jieba; single characters stay with a neighbour."""
    from careers.search import tokens  # jieba loads on first use

    merged: list[str] = []
    for word in tokens(run, for_index=False):
        if merged and (len(word) == 1 or len(merged[-1]) == 1):
            merged[-1] += word
        else:
            merged.append(word)
    # jieba keeps every character of a Chinese run; anything else falls back to the run.
    return merged if "".join(merged) == run else [run]


def parse_query(q: str) -> list[Term]:
    """The terms of the query ``q`` (already trimmed and length-limited by ``JobFilters``)."""
    terms: list[Term] = []
    for typed in q.lower().split():
        raw = _normalise(typed)
        words = _WORD.findall(raw)
        if "".join(words) == raw:
            for piece, chinese in _pieces(raw):
                for word in _words(piece) if chinese and len(piece) > JIEBA_ABOVE else [piece]:
                    terms.append(Term(word, ((word, chinese),), exact=True))
        else:
            parts = tuple(piece for word in words for piece in _pieces(word))
            terms.append(Term(typed, parts, exact=False))
    unique: dict[str, Term] = {}
    for term in terms:
        unique.setdefault(term.text, term)
    return list(unique.values())[:MAX_TERMS]


def fts5_match(terms: list[Term]) -> str:
    """The FTS5 MATCH expression (all phrases must match), or "" when nothing is indexed."""
    return " AND ".join(phrase for term in terms for phrase in term.fts5())


def tsquery(terms: list[Term]) -> str:
    """The ``to_tsquery('simple', ...)`` text, or "" when nothing is indexed."""
    return " & ".join(operand for term in terms for operand in term.tsquery())


def rebuild(session: t.Any) -> None:
    """Rebuild the keyword index from ``jobs.search_tokens``: after writes that bypass the
    ORM's events on SQLite (bulk inserts).  On PostgreSQL the trigger recomputes the vectors."""
    from sqlalchemy import text

    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.execute(text("DELETE FROM fts_jobs"))
        session.execute(text(
            "INSERT INTO fts_jobs (rowid, title, body) "
            "SELECT id, substr(search_tokens, 1, instr(search_tokens || char(10), char(10)) - 1), search_tokens "
            "FROM jobs"))
    elif dialect == "postgresql":
        session.execute(text("UPDATE jobs SET search_tokens = search_tokens"))
