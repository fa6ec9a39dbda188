"""A synthetic corpus of OSCE decisions in six languages, each with its gold record.

Why: the real corpus (some 20,000 documents) cannot ship with the project, yet the build
must be measured at that scale, and extraction accuracy must be measured on many more
texts than the hand-written fixtures. The generator writes decisions with the structure
of the real ones (letterhead, symbol block, journal line, heading, title, enacting
formula, preamble, numbered operative paragraphs with sub-items, footnotes, annexes and
interpretative statements), cites earlier decisions of the same synthetic corpus and the
real international instruments with a Zipf-like skew, renders PDF artefacts at a chosen
rate (running headers, page numbers and footnote bodies inside paragraphs, line-end
hyphenation, hard wraps) and writes beside each text the record that extraction must
produce from it. The gold is computed from the plan the text was rendered from, never by
running the extractor.

Where the words come from:

* every *formula* (openers, verbs, modifiers, actors, instruments, ordinals, months,
  places, delegations, frame words such as "DECISION", "Original:", "Attachment") is a
  label of the project vocabulary (``ontology/vocab``), read through
  :func:`commitgraph.vocab.lexicon`; a formula whose label is missing in a language is
  simply not used there;
* the *grammatical glue* that turns labels into sentences (articles and their
  contractions, prepositions, the "adopted at the ... Meeting in ..." phrasing, the
  conjunction, which inflected label fits which slot) is the generator's own concern and
  lives in ``_GLUE`` below;
* the *filler* (what the participating States are asked to do, titles, statements) is
  neutral wording of our own in ``_CONTENT``; tests check that it contains no vocabulary
  label, so it can never create a citation, an actor or an opener by accident.

Everything is seeded: the same seed, size, rate and languages give byte-identical files.
A work (decision) is planned once and rendered in every requested language; documents are
numbered work by work, so ``n`` documents hold ``ceil(n / len(langs))`` works.
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import shutil
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from commitgraph.errors import CommitgraphError
from commitgraph.resources import data_dir
from commitgraph.vocab import LANGUAGES, Concept, Lexicon, lexicon

# =======================================================================================
# Grammatical glue, one entry per language.
#
# Keys (all optional parts are documented where used):
#   org / org_of      the organisation's name for the letterhead / "of the Organization"
#   enacting          the enacting formula around the body's label
#   and               the conjunction that closes a list
#   sign_sep          what stands between the number sign and the number ("No. 7/17")
#   day_line          MC header: "{day} {dayword} ... {ord} {meeting}"
#   sel_*             regular expressions choosing, among a concept's labels, the form a
#                     slot needs (case, gender, number); the first matching label wins
#   plenary           PC header: "{n}{suffix} {label}"
#   journal_mc/pc     journal reference templates ({abbr} {journal} {sign} {n})
#   agenda            where the number goes in the agenda-item label
#   adopted           "adopted at the ... Meeting" + place, after a cited MC decision
#   place_paren       "(City, 2004)" after a cited decision
#   cite_openers      preambular openers used with citations: preposition (fr/es/it/en),
#                     wrapper leading to an accusative (de) or to "таких документов, как"
#                     with the case of a following decision (ru)
#   clause_openers    preambular openers followed by a clause, with the linking words
#   frames            operative verbs: how the addressee is attached, what links the
#                     complement
#   heads             gender of instrument names by their head word (articles)
#   actors            per actor: gender/article class and the label selector per slot
#   delegations       per delegation: article class and label selector after "made by"
#   mod_pre / mod_verb  where "also"/"further" go: after or before the formula
# =======================================================================================

_GLUE: dict[str, dict[str, Any]] = {
    "en": {
        "org": "Organization for Security and Co-operation in Europe",
        "org_of": "of the Organization for Security and Co-operation in Europe",
        "enacting": "The {body},",
        "and": "and",
        "sign_sep": " ",
        "day_line": "{day} {dayword} of the {ord} {meeting}",
        "sel_day_ord": r".*",
        "sel_meeting_ord": r".*",
        "sel_dayword": r"day",
        "sel_meetingword": r"Meeting",
        "plenary": "{n}{suffix} {label}",
        "journal_mc": "{abbr}({m}) {journal} {sign} {n}",
        "journal_pc": "{abbr} {journal} {sign} {n}",
        "agenda": "end",
        "adopted": "{label} in {city} ({year})",
        "place_paren": "({city}, {year})",
        "decision_body_first": True,
        "qualifier": "for those participating States that are parties to them, the relevant "
        "provisions of",
        "cite_openers": {
            "reaffirming": "",
            "recalling": "",
            "bearing_in_mind": "",
            "taking_into_account": "",
            "referring_to": "to",
            "taking_note": "of",
            "welcoming": "",
            "guided_by": "by",
        },
        "clause_openers": {
            "recalling": " that",
            "reaffirming": " that",
            "recognizing": " that",
            "noting": " that",
            "bearing_in_mind": " that",
            "concerned": " that",
            "noting_with_concern": " that",
            "stressing": " that",
            "convinced": " that",
            "aware": " that",
            "considering": " that",
        },
        "frames": {
            "call_upon": ("", "to "),
            "urge": ("", "to "),
            "encourage": ("", "to "),
            "request": ("", "to "),
            "task": ("", "to "),
            "invite": ("", "to "),
            "decide": ("", "to "),
        },
        "cooperation": "in co-operation with",
        # actors not listed print their preferred label
        "actors": {
            "ParticipatingStatesNotYetDone": (None, r"those .*"),
            "PartnersForCooperation": (None, r"OSCE Partners for Co-operation"),
            "Secretariat": (None, r"Secretary General"),
            "InternationalOrganizations": (None, r"relevant .*"),
        },
        "delegations": {
            "RussianFederation": "the",
            "UnitedStatesofAmerica": "the",
            "HolySee": "the",
            "Canada": "",
            "France": "",
            "Germany": "",
            "Spain": "",
            "Italy": "",
            "Ukraine": "",
            "Armenia": "",
            "Azerbaijan": "",
            "UnitedKingdom": "the",
            "EuropeanUnion": "the",
            "Switzerland": "",
            "Norway": "",
        },
        "mod_pre": "after",
        "mod_verb": ("before", "further"),
    },
    "fr": {
        "org": "Organisation pour la sécurité et la coopération en Europe",
        "org_of": "de l'Organisation pour la sécurité et la coopération en Europe",
        "enacting": "Le {body},",
        "and": "et",
        "sign_sep": " ",
        "day_line": "{day} {dayword} de la {ord} {meeting}",
        "sel_day_ord": r"premier|\w+ième",
        "sel_meeting_ord": r".*ième|première",
        "sel_dayword": r"jour",
        "sel_meetingword": r"Réunion",
        "plenary": "{n}e {label}",
        "journal_mc": "{abbr}({m}), {journal_lower} {sign} {n}",
        "journal_pc": "{journal} {sign} {n} du {abbr}",
        "agenda": "after_first",
        "adopted": "{label} {de_city} ({year})",
        "place_paren": "({city}, {year})",
        "qualifier": "pour les États participants qui y sont parties, les dispositions pertinentes",
        "qualifier_prep": "de",
        "cite_openers": {
            "reaffirming": "",
            "recalling": "",
            "bearing_in_mind": "",
            "taking_into_account": "de",
            "referring_to": "à",
            "taking_note": "de",
            "welcoming": "de",
            "guided_by": "par",
        },
        "clause_openers": {
            "recalling": " que",
            "reaffirming": " que",
            "recognizing": " que",
            "noting": " que",
            "bearing_in_mind": " que",
            "concerned": " par le fait que",
            "noting_with_concern": " que",
            "stressing": " que",
            "convinced": " que",
            "aware": " que",
            "considering": " que",
        },
        "frames": {
            "call_upon": ("à", "de "),
            "urge": ("à", "de "),
            "encourage": ("", "à "),
            "request": ("", "de "),
            "task": ("", "de "),
            "invite": ("", "à "),
            "decide": ("", "de "),
        },
        "cooperation": "en coopération avec",
        "heads": {
            "convention": "f",
            "protocole": "m",
            "acte": "m",
            "document": "m",
            "charte": "f",
            "déclaration": "f",
            "plan": "m",
            "additif": "m",
            "résolution": "f",
            "programme": "m",
        },
        "actors": {
            "ParticipatingStates": ("mp", None),
            "ParticipatingStatesNotYetDone": ("mp", r"États participants qui .*"),
            "PartnersForCooperation": ("mp", r"partenaires de l'OSCE .*"),
            "ExecutiveStructures": ("fp", None),
            "Secretariat": ("m", r"Secrétaire général"),
            "ODIHR": ("m", None),
            "SpecialRepresentativeTHB": ("m", None),
            "ChairpersonInOffice": ("m", None),
            "PermanentCouncil": ("m", None),
            "MinisterialCouncil": ("m", None),
            "InternationalOrganizations": ("fp", r".* concernées"),
            "INTERPOL": ("-", None),
            "Europol": ("-", None),
            "UNODC": ("m", None),
            "UNICEF": ("m", None),
            "UNHCR": ("m", None),
            "IOM": ("f", None),
            "ILO": ("f", None),
            "OHCHR": ("m", None),
            "CouncilOfEurope": ("m", None),
            "GRETA": ("m", None),
            "ICAT": ("m", None),
            "AllianceAgainstTrafficking": ("f", None),
        },
        "delegations": {
            "RussianFederation": "f",
            "UnitedStatesofAmerica": "mp",
            "HolySee": "m",
            "Canada": "m",
            "France": "f",
            "Germany": "f",
            "Spain": "f",
            "Italy": "f",
            "Ukraine": "f",
            "Armenia": "f",
            "Azerbaijan": "m",
            "UnitedKingdom": "m",
            "EuropeanUnion": "f",
            "Switzerland": "f",
            "Norway": "f",
        },
        "mod_pre": "after",
        "mod_verb": ("after", "further"),
    },
    "ru": {
        "org": "Организация по безопасности и сотрудничеству в Европе",
        "org_of": "Организации по безопасности и сотрудничеству в Европе",
        "enacting": "{body},",
        "and": "и",
        "sign_sep": " ",
        "day_line": "{day} {dayword} {ord} {meeting}",
        "sel_day_ord": r".*(?:ый|ой|ий)",
        "sel_meeting_ord": r"[^ё]*(?:ого|его)",
        "sel_dayword": r"день",
        "sel_meetingword": r"заседания",
        "plenary": "{n}-е {label}",
        "journal_mc": "{abbr}({m}), {journal} {sign} {n}",
        "journal_pc": "{journal} {abbr} {sign} {n}",
        "agenda": "after_first",
        "place_paren": "({city}, {year} год)",
        "sel_decision": {"acc": r"решение", "prep": r"решении", "instr": r"решением"},
        "sel_decisions": {"acc": r"решения", "prep": r"решениях", "instr": r"решениями"},
        "qualifier": "для тех государств-участников, которые являются их участниками, "
        "положения таких документов, как",
        # opener -> (case of a decision right after it, wrapper before a list of
        # instruments in the nominative, preposition repeated after "а также")
        "cite_openers": {
            "reaffirming": ("acc", "положения таких документов, как", ""),
            "recalling": ("acc", "положения таких документов, как", "на "),
            "bearing_in_mind": ("prep", "положениях таких документов, как", "о "),
            "taking_into_account": ("acc", "положения таких документов, как", ""),
            "referring_to": ("acc", "положения таких документов, как", "на "),
            "taking_note": ("acc", "положения таких документов, как", ""),
            "welcoming": ("acc", "принятие таких документов, как", ""),
            "guided_by": ("instr", "положениями таких документов, как", ""),
        },
        "also": "а также",
        "clause_openers": {
            "recalling": " то, что",
            "reaffirming": ", что",
            "recognizing": ", что",
            "noting": ", что",
            "bearing_in_mind": " том, что",
            "concerned": " тем, что",
            "noting_with_concern": ", что",
            "stressing": ", что",
            "convinced": ", что",
            "aware": ", что",
            "considering": ", что",
        },
        "frames": {
            "call_upon": ("acc", ""),
            "urge": ("acc", ""),
            "encourage": ("acc", ""),
            "request": ("acc", ""),
            "task": ("dat", ""),
            "invite": ("dat", ""),
            "decide": ("", ""),
        },
        "cooperation": "в сотрудничестве с",
        # slots: acc (object of a verb; animate actors take the genitive form), dat,
        # instr (after "с"), gen (a body after "Решение")
        "actors": {
            "ParticipatingStates": {
                "acc": r"государства-участники",
                "dat": r"государствам-участникам",
            },
            "ParticipatingStatesNotYetDone": {"acc": r"государства-участники, .*"},
            "PartnersForCooperation": {
                "acc": r"партнеров ОБСЕ .*",
                "dat": r"партнерам ОБСЕ .*",
                "instr": r"партнерами .*",
            },
            "ExecutiveStructures": {
                "acc": r"исполнительные структуры ОБСЕ",
                "dat": r"исполнительным структурам ОБСЕ",
                "instr": r"исполнительными структурами ОБСЕ",
            },
            "Secretariat": {"acc": r"Генерального секретаря", "dat": r"Генеральному .*"},
            "ODIHR": {"acc": r"БДИПЧ", "dat": r"БДИПЧ", "instr": r"БДИПЧ"},
            "SpecialRepresentativeTHB": {
                "acc": r"Специального представителя и .*",
                "dat": r"Специальному представителю и .*",
                "instr": r"Специальным представителем и .*",
            },
            "ChairpersonInOffice": {
                "acc": r"Действующего председателя",
                "dat": r"Действующему председателю",
                "instr": r"Действующим председателем",
            },
            "PermanentCouncil": {
                "nom": r"Постоянный совет",
                "acc": r"Постоянный совет",
                "dat": r"Постоянному совету",
                "instr": r"Постоянным советом",
                "gen": r"Постоянного совета",
            },
            "MinisterialCouncil": {"nom": r"Совет министров", "gen": r"Совета министров"},
            "InternationalOrganizations": {
                "acc": r"международные организации",
                "dat": r"международным организациям",
            },
            "INTERPOL": {"instr": r"\w+ом"},
            "Europol": {"instr": r"\w+ом"},
            "UNODC": {"instr": r"[А-ЯЁ ]{3,}"},
            "UNICEF": {"instr": r"[А-ЯЁ ]{3,}"},
            "UNHCR": {"instr": r"[А-ЯЁ ]{3,}"},
            "IOM": {"instr": r"[А-ЯЁ ]{3,}"},
            "ILO": {"instr": r"[А-ЯЁ ]{3,}"},
            "OHCHR": {"instr": r"[А-ЯЁ ]{3,}"},
            "CouncilOfEurope": {"instr": r"\w+ом Европы"},
            "GRETA": {"instr": r"[А-ЯЁ]{3,}"},
            "ICAT": {"instr": r"[А-ЯЁ]{3,}"},
            "AllianceAgainstTrafficking": {"instr": r"\w+ом .*"},
        },
        # delegations after "Сделано делегацией" (genitive)
        "delegations": {
            "RussianFederation": r"\S+(?:ой|ей) \S+[ии]",
            "UnitedStatesofAmerica": r"\S+ых \S+ов Америки",
            "HolySee": r"\S+ого \S+а",
            "Canada": r"\S+ы",
            "France": r"\S+ии",
            "Germany": r"\S+ии",
            "Spain": r"\S+ии",
            "Italy": r"\S+ии",
            "Ukraine": r"\S+ы",
            "Armenia": r"\S+ии",
            "Azerbaijan": r"\S+а",
            "UnitedKingdom": r"\S+ого \S+а",
            "EuropeanUnion": r"\S+ого \S+а",
            "Switzerland": r"\S+ии",
            "Norway": r"\S+ии",
        },
        "mod_pre": "ru",
        "mod_verb": ("after", "also"),
    },
    "de": {
        "org": "Organisation für Sicherheit und Zusammenarbeit in Europa",
        "org_of": "der Organisation für Sicherheit und Zusammenarbeit in Europa",
        "enacting": "Der {body} –",
        "and": "und",
        "sign_sep": " ",
        "day_line": "{day} {dayword} des {ord} {meeting}",
        "sel_day_ord": r"\w+er",
        "sel_meeting_ord": r"\w+en",
        "sel_dayword": r"Sitzungstag",
        "sel_meetingword": r"Treffens",
        "plenary": "{n}. {label}",
        "journal_mc": "{abbr}({m}) {journal} {sign} {n}",
        "journal_pc": "{abbr}-{journal} {sign} {n}",
        "agenda": "after_first",
        "place_paren": "({city}, {year})",
        "qualifier": "– für die Teilnehmerstaaten, die Vertragsparteien sind – der "
        "Verpflichtungen in Bezug auf",
        "cite_openers": {
            "reaffirming": "der Verpflichtungen in Bezug auf",
            "recalling": "",
            "bearing_in_mind": "der Verweise auf",
            "taking_into_account": "der Bezugnahmen auf",
            "referring_to": "",
            "taking_note": "den Fortschritten in Bezug auf",
            "welcoming": "",
            "guided_by": "den Bestimmungen in Bezug auf",
        },
        "clause_openers": {
            "recalling": " die Tatsache, dass",
            "reaffirming": " der Tatsache, dass",
            "recognizing": " der Tatsache, dass",
            "noting": ", dass",
            "bearing_in_mind": " der Tatsache, dass",
            "concerned": " darüber, dass",
            "noting_with_concern": ", dass",
            "stressing": ", dass",
            "convinced": ", dass",
            "aware": ", dass",
            "considering": " dessen, dass",
        },
        "frames": {
            "call_upon": ("acc", ", "),
            "urge": ("acc", ", "),
            "encourage": ("acc", ", "),
            "request": ("acc", ", "),
            "task": ("acc", ", "),
            "invite": ("acc", ", "),
            "decide": ("", ", "),
        },
        "cooperation": "in Zusammenarbeit mit",
        # head word suffix -> gender; words before the head must keep their form after
        # an accusative article (see _de_label_ok)
        "heads": {
            "übereinkommen": "n",
            "protokoll": "n",
            "dokument": "n",
            "addendum": "n",
            "akte": "f",
            "charta": "f",
            "erklärung": "f",
            "resolution": "f",
            "konvention": "f",
            "transformation": "f",
            "agenda": "f",
            "aktionsplan": "m",
        },
        "actors": {
            "ParticipatingStates": (
                "pl",
                {"acc": r"Teilnehmerstaaten", "dat": r"Teilnehmerstaaten"},
            ),
            "ParticipatingStatesNotYetDone": ("pl", {"acc": r"Teilnehmerstaaten, die .*"}),
            "PartnersForCooperation": (
                "pl",
                {"acc": r"Kooperationspartner der OSZE", "dat": r"OSZE-Kooperationspartnern"},
            ),
            "ExecutiveStructures": (
                "pl",
                {"acc": r"Durchführungsorgane der OSZE", "dat": r"OSZE-Durchführungsorganen"},
            ),
            "Secretariat": ("m", {"acc": r"Generalsekretär", "dat": r"Generalsekretär"}),
            "ODIHR": ("n", {"acc": r"Büro für .*", "dat": r"Büro für .*"}),
            "SpecialRepresentativeTHB": (
                "f",
                {
                    "acc": r"Sonderbeauftragte und Koordinatorin .*",
                    "dat": r"Sonderbeauftragten und Koordinatorin .*",
                },
            ),
            "ChairpersonInOffice": (
                "m",
                {"acc": r"Amtierenden Vorsitzenden", "dat": r"Amtierenden Vorsitzenden"},
            ),
            "PermanentCouncil": (
                "m",
                {
                    "nom": r"Ständige Rat",
                    "acc": r"Ständigen Rat",
                    "dat": r"Ständigen Rat",
                    "gen": r"Ständigen Rates",
                },
            ),
            "MinisterialCouncil": (
                "m",
                {"nom": r"Ministerrat", "acc": r"Ministerrat", "gen": r"Ministerrats"},
            ),
            "InternationalOrganizations": (
                "pl",
                {
                    "acc": r"internationalen Organisationen",
                    "dat": r"internationalen Organisationen",
                },
            ),
            "INTERPOL": ("-", {"dat": r"Interpol"}),
            "Europol": ("-", {"dat": r"Europol"}),
            "UNODC": ("n", {"dat": r"UNODC"}),
            "UNICEF": ("n", {"dat": r"UNICEF"}),
            "UNHCR": ("n", {"dat": r"UNHCR"}),
            "IOM": ("f", {"dat": r"IOM"}),
            "ILO": ("f", {"dat": r"Internationalen Arbeitsorganisation"}),
            "OHCHR": ("n", {"dat": r"OHCHR"}),
            "CouncilOfEurope": ("m", {"dat": r"Europarat"}),
            "GRETA": ("f", {"dat": r"GRETA"}),
            "ICAT": ("f", {"dat": r"ICAT"}),
            "AllianceAgainstTrafficking": ("f", {"dat": r"Allianz gegen Menschenhandel"}),
        },
        # delegations after "Abgegeben von der Delegation" (genitive, with article)
        "delegations": {
            "RussianFederation": ("der", r"\w+en Föderation"),
            "UnitedStatesofAmerica": ("der", r"Vereinigten Staaten von Amerika"),
            "HolySee": ("des", r"Heiligen Stuhls"),
            "Canada": ("", r"\w+s"),
            "France": ("", r"\w+s"),
            "Germany": ("", r"\w+s"),
            "Spain": ("", r"\w+s"),
            "Italy": ("", r"\w+s"),
            "Ukraine": ("der", r"Ukraine"),
            "Armenia": ("", r"\w+s"),
            "Azerbaijan": ("", r"\w+s"),
            "UnitedKingdom": ("des", r"Vereinigten Königreichs"),
            "EuropeanUnion": ("der", r"Europäischen Union"),
            "Switzerland": ("der", r"Schweiz"),
            "Norway": ("", r"\w+s"),
        },
        "mod_pre": "before",
        "mod_verb": ("after", "further"),
    },
    "es": {
        "org": "Organización para la Seguridad y la Cooperación en Europa",
        "org_of": "de la Organización para la Seguridad y la Cooperación en Europa",
        "enacting": "El {body},",
        "and": "y",
        "sign_sep": " ",
        "day_line": "{day} {dayword} de la {ord} {meeting}",
        "sel_day_ord": r"primer|\w+o",
        "sel_meeting_ord": r"[A-ZÁÉÍÓÚ].*a",
        "sel_dayword": r"día",
        "sel_meetingword": r"Reunión",
        "plenary": "{n}ª {label}",
        "journal_mc": "{journal} {abbr}({m}) {sign} {n}",
        "journal_pc": "{journal} {abbr} {sign} {n}",
        "agenda": "after_first",
        "adopted": "{label} de {city} ({year})",
        "place_paren": "({city}, {year})",
        "qualifier": "para los Estados participantes que son partes en ellos, las "
        "disposiciones pertinentes",
        "qualifier_prep": "de",
        "cite_openers": {
            "reaffirming": "",
            "recalling": "",
            "bearing_in_mind": "",
            "taking_into_account": "",
            "referring_to": "a",
            "taking_note": "de",
            "welcoming": "",
            "guided_by": "por",
        },
        "clause_openers": {
            "recalling": " que",
            "reaffirming": " que",
            "recognizing": " que",
            "noting": " que",
            "bearing_in_mind": " que",
            "concerned": " por el hecho de que",
            "noting_with_concern": " que",
            "stressing": " que",
            "convinced": " de que",
            "aware": " de que",
            "considering": " que",
        },
        "frames": {
            "call_upon": ("a", "a "),
            "urge": ("a", "a "),
            "encourage": ("a", "a "),
            "request": ("a", ""),
            "task": ("a", ""),
            "invite": ("a", "a "),
            "decide": ("", ""),
        },
        "cooperation": "en cooperación con",
        "heads": {
            "convención": "f",
            "convenio": "m",
            "protocolo": "m",
            "acta": "m",
            "documento": "m",
            "carta": "f",
            "declaración": "f",
            "plan": "m",
            "addéndum": "m",
            "resolución": "f",
            "agenda": "f",
        },
        "actors": {
            "ParticipatingStates": ("mp", None),
            "ParticipatingStatesNotYetDone": ("mp", r"Estados participantes que aún .*"),
            "PartnersForCooperation": ("mp", r"Socios de la OSCE .*"),
            "ExecutiveStructures": ("fp", None),
            "Secretariat": ("m", r"Secretario General"),
            "ODIHR": ("f", None),
            "SpecialRepresentativeTHB": ("m", None),
            "ChairpersonInOffice": ("m", None),
            "PermanentCouncil": ("m", None),
            "MinisterialCouncil": ("m", None),
            "InternationalOrganizations": ("fp", r".* pertinentes"),
            "INTERPOL": ("-", None),
            "Europol": ("-", None),
            "UNODC": ("f", None),
            "UNICEF": ("m", None),
            "UNHCR": ("f", None),
            "IOM": ("f", None),
            "ILO": ("f", None),
            "OHCHR": ("f", None),
            "CouncilOfEurope": ("m", None),
            "GRETA": ("m", None),
            "ICAT": ("m", None),
            "AllianceAgainstTrafficking": ("f", None),
        },
        "delegations": {
            "RussianFederation": "f",
            "UnitedStatesofAmerica": "mp",
            "HolySee": "f",
            "Canada": "m",
            "France": "-",
            "Germany": "-",
            "Spain": "-",
            "Italy": "-",
            "Ukraine": "-",
            "Armenia": "-",
            "Azerbaijan": "-",
            "UnitedKingdom": "m",
            "EuropeanUnion": "f",
            "Switzerland": "-",
            "Norway": "-",
        },
        "mod_pre": "after",
        "mod_verb": ("after", "further"),
    },
    "it": {
        "org": "Organizzazione per la sicurezza e la cooperazione in Europa",
        "org_of": "dell'Organizzazione per la sicurezza e la cooperazione in Europa",
        "enacting": "Il {body},",
        "and": "e",
        "sign_sep": "",
        "day_line": "{day} {dayword} della {ord} {meeting}",
        "sel_day_ord": r"\w+o",
        "sel_meeting_ord": r"[A-Z]\w+a",
        "sel_dayword": r"giorno",
        "sel_meetingword": r"Riunione",
        "plenary": "{n}a {label}",
        "journal_mc": "{journal} {abbr}({m}) {sign}{n}",
        "journal_pc": "{journal} {abbr} {sign}{n}",
        "agenda": "after_first",
        "adopted": "{label} di {city} ({year})",
        "place_paren": "({city}, {year})",
        "qualifier": "per gli Stati partecipanti che ne sono parte, le pertinenti disposizioni",
        "qualifier_prep": "di",
        "cite_openers": {
            "reaffirming": "",
            "recalling": "",
            "bearing_in_mind": "",
            "taking_into_account": "di",
            "referring_to": "a",
            "taking_note": "di",
            "welcoming": "",
            "guided_by": "da",
        },
        "clause_openers": {
            "recalling": " che",
            "reaffirming": " che",
            "recognizing": " che",
            "noting": " che",
            "bearing_in_mind": " che",
            "concerned": " per il fatto che",
            "noting_with_concern": " che",
            "stressing": " che",
            "convinced": " che",
            "aware": " che",
            "considering": " che",
        },
        "frames": {
            "call_upon": ("", "a "),
            "urge": ("", "a "),
            "encourage": ("", "a "),
            "request": ("a", "di "),
            "task": ("", "di "),
            "invite": ("", "a "),
            "decide": ("", "di "),
        },
        "cooperation": "in cooperazione con",
        "heads": {
            "convenzione": "f",
            "protocollo": "m",
            "atto": "m",
            "documento": "m",
            "carta": "f",
            "dichiarazione": "f",
            "piano": "m",
            "addendum": "m",
            "risoluzione": "f",
            "agenda": "f",
        },
        "actors": {
            "ParticipatingStates": ("mp", None),
            "ParticipatingStatesNotYetDone": ("mp", r"Stati partecipanti che non lo .*"),
            "PartnersForCooperation": ("mp", r"Partner dell'OSCE .*"),
            "ExecutiveStructures": ("fp", None),
            "Secretariat": ("m", r"Segretario generale"),
            "ODIHR": ("m", None),
            "SpecialRepresentativeTHB": ("m", None),
            "ChairpersonInOffice": ("m", None),
            "PermanentCouncil": ("m", None),
            "MinisterialCouncil": ("m", None),
            "InternationalOrganizations": ("fp", r".* competenti"),
            "INTERPOL": ("-", None),
            "Europol": ("-", None),
            "UNODC": ("m", None),
            "UNICEF": ("m", None),
            "UNHCR": ("m", None),
            "IOM": ("f", None),
            "ILO": ("f", None),
            "OHCHR": ("m", None),
            "CouncilOfEurope": ("m", None),
            "GRETA": ("m", None),
            "ICAT": ("m", None),
            "AllianceAgainstTrafficking": ("f", None),
        },
        "delegations": {
            "RussianFederation": "f",
            "UnitedStatesofAmerica": "mp",
            "HolySee": "f",
            "Canada": "m",
            "France": "f",
            "Germany": "f",
            "Spain": "f",
            "Italy": "f",
            "Ukraine": "f",
            "Armenia": "f",
            "Azerbaijan": "m",
            "UnitedKingdom": "m",
            "EuropeanUnion": "f",
            "Switzerland": "f",
            "Norway": "f",
        },
        "mod_pre": "after",
        "mod_verb": ("after", "further"),
    },
}

# Actors the generator uses: addressees, OSCE bodies, and organisations it mentions.
_ACTOR_IDS = (
    "ParticipatingStates",
    "ParticipatingStatesNotYetDone",
    "PartnersForCooperation",
    "ExecutiveStructures",
    "Secretariat",
    "ODIHR",
    "SpecialRepresentativeTHB",
    "ChairpersonInOffice",
    "PermanentCouncil",
    "MinisterialCouncil",
    "InternationalOrganizations",
    "INTERPOL",
    "Europol",
    "UNODC",
    "UNICEF",
    "UNHCR",
    "IOM",
    "ILO",
    "OHCHR",
    "CouncilOfEurope",
    "GRETA",
    "ICAT",
    "AllianceAgainstTrafficking",
)

_DELEGATION_LANGUAGE = {
    "RussianFederation": "ru",
    "UnitedStatesofAmerica": "en",
    "HolySee": "en",
    "Canada": "en",
    "France": "fr",
    "Germany": "de",
    "Spain": "es",
    "Italy": "it",
    "Ukraine": "en",
    "Armenia": "en",
    "Azerbaijan": "en",
    "UnitedKingdom": "en",
    "EuropeanUnion": "en",
    "Switzerland": "en",
    "Norway": "en",
}

# Years for which a fact is missing from the vocabulary (dcterms:date) and cannot be read
# off the identifier or the English title. Used only to keep citations in time order.
_FALLBACK_YEARS = {
    "UNTC:IV-8": 1979,
    "UNTC:IV-11-b": 2000,
    "UNGA:A/RES/70/1": 2015,
    "UNGA:A/RES/71/1": 2016,
    "UNGA:A/RES/72/1": 2017,
}

# =======================================================================================
# Filler: neutral wording of our own, aligned across languages (index i is the same
# sentence everywhere). Must contain no vocabulary label (tests/synth checks this).
# =======================================================================================

_CONTENT: dict[str, dict[str, list[Any]]] = {
    "en": {
        "title_head": [
            ("Combating", "on combating"),
            ("Strengthening efforts to prevent", "on strengthening efforts to prevent"),
            ("Enhancing co-operation to combat", "on enhancing co-operation to combat"),
            ("Preventing", "on preventing"),
            ("Intensifying the fight against", "on intensifying the fight against"),
        ],
        "title_obj": [
            "trafficking in children",
            "trafficking in human beings for labour exploitation",
            "trafficking in human beings along migration routes",
            "the sexual exploitation of children online",
            "all forms of trafficking in human beings",
            "trafficking in human beings in supply chains",
            "the demand that fosters exploitation",
            "trafficking in women and girls",
        ],
        "clause": [
            "trafficking in human beings is a serious crime that violates human dignity",
            "victims must have access to protection and assistance regardless of their "
            "willingness to co-operate with the authorities",
            "children are particularly vulnerable to exploitation and require special protection",
            "effective prevention requires addressing the root causes of vulnerability, such "
            "as poverty and discrimination",
            "new technologies can be misused to recruit and exploit victims",
            "a comprehensive approach based on human rights is essential for an effective response",
            "the demand for goods and services produced by exploited persons contributes to "
            "trafficking",
            "trafficking networks increasingly operate across borders and exploit legal loopholes",
        ],
        "ask": [
            "step up efforts to identify victims at an early stage",
            "ensure that victims have access to appropriate assistance and protection",
            "establish national referral mechanisms and designate national co-ordinators",
            "raise public awareness of the risks of exploitation",
            "provide specialized training for law enforcement officials, prosecutors and judges",
            "prosecute traffickers and impose effective and dissuasive penalties",
            "collect and share data on trafficking cases, with due regard to the protection "
            "of personal data",
        ],
        "ratify": "consider ratifying {np}",
        "implement": "implement fully the relevant provisions of {np}",
        "mandate": [
            "continue to provide assistance, upon request, in implementing this decision",
            "organize, within existing resources, an expert meeting on the prevention of "
            "trafficking",
            "develop practical guidance on the identification of victims",
        ],
        "report": "report regularly to {pc} on the implementation of this decision",
        "decide": [
            "convene, within existing resources, a high-level conference on combating "
            "trafficking in human beings",
            "keep the implementation of this decision under regular review",
            "hold an annual meeting of national co-ordinators",
        ],
        "welcome": "Welcomes the progress made in implementing {np}",
        "support": "Supports the efforts to implement {np}",
        "items_lead": "take the following measures:",
        "items": [
            "Strengthening the early identification of victims",
            "Training frontline officials in victim-centred approaches",
            "Awareness-raising campaigns targeting groups at risk",
            "Exchanging good practices among national authorities",
            "Support for shelters and specialized services for victims",
        ],
        "corr_note": "Incorporates a correction made to the decision at the linguistic "
        "consistency session held on {date}.",
        "reissue_note": "Reissued for technical reasons.",
        "notes": [
            "The term is used in accordance with national legislation.",
            "See also {np}.",
            "Including measures taken at regional and local level.",
        ],
        "statement": [
            '"Mr. Chairperson,',
            "In joining the consensus on this decision, our delegation wishes to underline "
            "the importance of a comprehensive approach to this serious crime.",
            "We understand that nothing in this decision creates new obligations beyond "
            "those already accepted by each State.",
            "We request that this text be attached to the decision and included in the "
            'journal of the day."',
        ],
        "annex_title": [
            "Guidelines for the identification of victims",
            "Work plan for the implementation of this decision",
            "Terms of reference of the expert group",
        ],
        "annex_points": [
            "The work will be carried out within existing resources and in close "
            "consultation with the national authorities concerned.",
            "Progress will be reviewed once a year on the basis of a written report "
            "prepared by the Chairmanship.",
            "Experts from all regions will be invited to contribute their experience of "
            "victim identification and referral.",
            "A summary of the results, without personal data, will be made public at the "
            "end of each year.",
            "The plan may be revised in the light of the experience gained during its "
            "first two years.",
        ],
    },
    "fr": {
        "title_head": [
            ("Lutte contre", "sur la lutte contre"),
            (
                "Renforcement des efforts visant à prévenir",
                "sur le renforcement des efforts visant à prévenir",
            ),
            (
                "Renforcement de la coopération pour combattre",
                "sur le renforcement de la coopération pour combattre",
            ),
            ("Mesures visant à prévenir", "sur les mesures visant à prévenir"),
            ("Intensification de la lutte contre", "sur l'intensification de la lutte contre"),
        ],
        "title_obj": [
            "la traite des enfants",
            "la traite des êtres humains à des fins d'exploitation par le travail",
            "la traite des êtres humains le long des routes migratoires",
            "l'exploitation sexuelle des enfants en ligne",
            "toutes les formes de traite des êtres humains",
            "la traite des êtres humains dans les chaînes d'approvisionnement",
            "la demande qui favorise l'exploitation",
            "la traite des femmes et des filles",
        ],
        "clause": [
            "la traite des êtres humains est un crime grave qui porte atteinte à la dignité "
            "humaine",
            "les victimes doivent avoir accès à une protection et à une assistance, "
            "indépendamment de leur volonté de coopérer avec les autorités",
            "les enfants sont particulièrement vulnérables à l'exploitation et ont besoin "
            "d'une protection spéciale",
            "une prévention efficace suppose de s'attaquer aux causes profondes de la "
            "vulnérabilité, telles que la pauvreté et la discrimination",
            "les nouvelles technologies peuvent être utilisées à mauvais escient pour "
            "recruter et exploiter des victimes",
            "une approche globale fondée sur les droits de l'homme est indispensable à une "
            "riposte efficace",
            "la demande de biens et de services produits par des personnes exploitées "
            "contribue à la traite",
            "les réseaux de traite opèrent de plus en plus au-delà des frontières et "
            "exploitent les lacunes juridiques",
        ],
        "ask": [
            "intensifier les efforts visant à identifier rapidement les victimes",
            "veiller à ce que les victimes aient accès à une assistance et à une protection "
            "appropriées",
            "mettre en place des mécanismes nationaux d'orientation et désigner des "
            "coordonnateurs nationaux",
            "sensibiliser davantage le public aux risques d'exploitation",
            "dispenser une formation spécialisée aux agents des services de répression, aux "
            "procureurs et aux juges",
            "poursuivre les trafiquants et imposer des sanctions efficaces et dissuasives",
            "recueillir et échanger des données sur les cas de traite, dans le respect de la "
            "protection des données personnelles",
        ],
        "ratify": "envisager de ratifier {np}",
        "implement": "mettre pleinement en œuvre les dispositions pertinentes {np_de}",
        "mandate": [
            "continuer à apporter une aide, sur demande, pour la mise en œuvre de la "
            "présente décision",
            "organiser, dans la limite des ressources existantes, une réunion d'experts sur "
            "la prévention de la traite",
            "élaborer des orientations pratiques sur l'identification des victimes",
        ],
        "report": "faire régulièrement rapport {pc_a} sur la mise en œuvre de la présente décision",
        "decide": [
            "convoquer, dans la limite des ressources existantes, une conférence de haut "
            "niveau sur la lutte contre la traite des êtres humains",
            "examiner régulièrement la mise en œuvre de la présente décision",
            "tenir une réunion annuelle des coordonnateurs nationaux",
        ],
        "welcome": "Se félicite des progrès accomplis dans la mise en œuvre {np_de}",
        "support": "Appuie les efforts visant à mettre en œuvre {np}",
        "items_lead": "prendre les mesures suivantes :",
        "items": [
            "Le renforcement de l'identification précoce des victimes",
            "La formation des agents de première ligne aux approches centrées sur les victimes",
            "Des campagnes de sensibilisation ciblant les groupes à risque",
            "L'échange de bonnes pratiques entre les autorités nationales",
            "Le soutien aux foyers et aux services spécialisés pour les victimes",
        ],
        "corr_note": "Comprend une correction apportée à la décision lors de la séance de "
        "mise en conformité linguistique tenue le {date}.",
        "reissue_note": "Nouveau tirage pour raisons techniques.",
        "notes": [
            "Le terme est employé conformément à la législation nationale.",
            "Voir aussi {np}.",
            "Y compris les mesures prises aux niveaux régional et local.",
        ],
        "statement": [
            "« Monsieur le Président,",
            "En nous associant au consensus sur cette décision, notre délégation souhaite "
            "souligner l'importance d'une approche globale de ce crime grave.",
            "Nous considérons que rien dans cette décision ne crée de nouvelles obligations "
            "allant au-delà de celles que chaque État a déjà acceptées.",
            "Nous demandons que le présent texte soit joint à la décision et inclus dans le "
            "journal de ce jour. »",
        ],
        "annex_title": [
            "Lignes directrices pour l'identification des victimes",
            "Programme de travail pour la mise en œuvre de la présente décision",
            "Mandat du groupe d'experts",
        ],
        "annex_points": [
            "Les travaux seront menés dans la limite des ressources existantes et en "
            "étroite consultation avec les autorités nationales concernées.",
            "Les progrès seront examinés une fois par an sur la base d'un rapport écrit "
            "établi par la Présidence.",
            "Des experts de toutes les régions seront invités à faire part de leur "
            "expérience de l'identification et de l'orientation des victimes.",
            "Un résumé des résultats, sans données personnelles, sera rendu public à la fin "
            "de chaque année.",
            "Le plan pourra être révisé à la lumière de l'expérience acquise au cours de ses "
            "deux premières années.",
        ],
    },
    "ru": {
        "title_head": [
            ("Борьба против", "о борьбе против"),
            (
                "Активизация усилий по предупреждению",
                "об активизации усилий по предупреждению",
            ),
            (
                "Укрепление сотрудничества в деле пресечения",
                "об укреплении сотрудничества в деле пресечения",
            ),
            ("Предупреждение", "о предупреждении"),
            ("Активизация борьбы против", "об активизации борьбы против"),
        ],
        "title_obj": [
            "торговли детьми",
            "торговли людьми в целях трудовой эксплуатации",
            "торговли людьми на миграционных маршрутах",
            "сексуальной эксплуатации детей в Интернете",
            "всех форм торговли людьми",
            "торговли людьми в цепочках поставок",
            "спроса, способствующего эксплуатации",
            "торговли женщинами и девочками",
        ],
        "clause": [
            "торговля людьми является тяжким преступлением, посягающим на человеческое достоинство",
            "жертвы должны иметь доступ к защите и помощи независимо от их готовности "
            "сотрудничать с властями",
            "дети особенно уязвимы перед эксплуатацией и нуждаются в особой защите",
            "эффективная профилактика требует устранения коренных причин уязвимости, таких "
            "как нищета и дискриминация",
            "новые технологии могут использоваться в преступных целях для вербовки и "
            "эксплуатации жертв",
            "всеобъемлющий подход, основанный на правах человека, имеет важнейшее значение "
            "для эффективного реагирования",
            "спрос на товары и услуги, производимые эксплуатируемыми лицами, способствует "
            "торговле людьми",
            "преступные сети все чаще действуют через границы и используют пробелы в "
            "законодательстве",
        ],
        "ask": [
            "активизировать усилия по своевременному выявлению жертв",
            "обеспечить доступ жертв к надлежащей помощи и защите",
            "создать национальные механизмы перенаправления и назначить национальных координаторов",
            "повышать осведомленность общественности о рисках эксплуатации",
            "обеспечить специализированную подготовку сотрудников правоохранительных "
            "органов, прокуроров и судей",
            "привлекать торговцев людьми к ответственности и применять эффективные и "
            "сдерживающие санкции",
            "собирать данные о случаях торговли людьми и обмениваться ими при надлежащей "
            "защите персональных данных",
        ],
        "ratify": "рассмотреть возможность ратификации таких документов, как {np}",
        "implement": "в полной мере выполнять положения таких документов, как {np}",
        "mandate": [
            "продолжать оказывать по запросу содействие в осуществлении настоящего решения",
            "организовать в рамках имеющихся ресурсов совещание экспертов по вопросам "
            "предупреждения торговли людьми",
            "разработать практические рекомендации по выявлению жертв",
        ],
        "report": "регулярно представлять {pc_dat} доклады об осуществлении настоящего решения",
        "decide": [
            "созвать в рамках имеющихся ресурсов конференцию высокого уровня по вопросам "
            "противодействия торговле людьми",
            "регулярно рассматривать ход осуществления настоящего решения",
            "ежегодно проводить совещание национальных координаторов",
        ],
        "welcome": "приветствует прогресс в выполнении таких документов, как {np}",
        "support": "поддерживает усилия по выполнению таких документов, как {np}",
        "items_lead": "принять следующие меры:",
        "items": [
            "усиление работы по раннему выявлению жертв",
            "обучение сотрудников, работающих на местах, методам работы с жертвами",
            "проведение информационных кампаний для групп риска",
            "обмен передовым опытом между национальными органами",
            "поддержку приютов и специализированных служб для жертв",
        ],
        "corr_note": "Включает исправление, внесенное в решение на заседании по "
        "обеспечению лингвистического соответствия, состоявшемся {date}.",
        "reissue_note": "Переиздано по техническим причинам.",
        "notes": [
            "Термин используется в соответствии с национальным законодательством.",
            "См. также такие документы, как {np}.",
            "Включая меры, принимаемые на региональном и местном уровнях.",
        ],
        "statement": [
            "«Господин Председатель,",
            "Присоединяясь к консенсусу по этому решению, наша делегация хотела бы "
            "подчеркнуть важность комплексного подхода к борьбе с этим тяжким "
            "преступлением.",
            "Мы исходим из того, что ничто в этом решении не создает новых обязательств "
            "сверх тех, которые уже приняло каждое государство.",
            "Просим приложить настоящий текст к решению и включить его в журнал дня.»",
        ],
        "annex_title": [
            "Руководящие принципы выявления жертв",
            "План работы по осуществлению настоящего решения",
            "Круг ведения группы экспертов",
        ],
        "annex_points": [
            "Работа будет проводиться в рамках имеющихся ресурсов и в тесной "
            "консультации с соответствующими национальными органами.",
            "Ход работы будет рассматриваться раз в год на основе письменного доклада, "
            "подготовленного Председательством.",
            "Эксперты из всех регионов будут приглашены поделиться опытом выявления и "
            "перенаправления жертв.",
            "Резюме результатов без персональных данных будет публиковаться в конце каждого года.",
            "План может быть пересмотрен с учетом опыта, накопленного за первые два "
            "года его осуществления.",
        ],
    },
    "de": {
        "title_head": [
            ("Bekämpfung", "über die Bekämpfung"),
            (
                "Verstärkung der Bemühungen zur Verhütung",
                "über die Verstärkung der Bemühungen zur Verhütung",
            ),
            (
                "Stärkung der Zusammenarbeit bei der Bekämpfung",
                "über die Stärkung der Zusammenarbeit bei der Bekämpfung",
            ),
            ("Verhütung", "über die Verhütung"),
            ("Intensivierung der Bekämpfung", "über die Intensivierung der Bekämpfung"),
        ],
        "title_obj": [
            "des Kinderhandels",
            "des Menschenhandels zum Zweck der Ausbeutung der Arbeitskraft",
            "des Menschenhandels entlang der Migrationsrouten",
            "der sexuellen Ausbeutung von Kindern im Internet",
            "aller Formen des Menschenhandels",
            "des Menschenhandels in Lieferketten",
            "der Nachfrage, die Ausbeutung begünstigt",
            "des Handels mit Frauen und Mädchen",
        ],
        "clause": [
            "der Menschenhandel ein schweres Verbrechen ist, das die Menschenwürde verletzt",
            "die Opfer unabhängig von ihrer Bereitschaft zur Zusammenarbeit mit den "
            "Behörden Zugang zu Schutz und Unterstützung haben müssen",
            "Kinder besonders anfällig für Ausbeutung sind und besonderen Schutz benötigen",
            "eine wirksame Prävention voraussetzt, die tieferen Ursachen der Verletzlichkeit "
            "wie Armut und Diskriminierung anzugehen",
            "neue Technologien missbraucht werden können, um Opfer anzuwerben und auszubeuten",
            "ein umfassender, auf den Menschenrechten beruhender Ansatz für eine wirksame "
            "Reaktion unerlässlich ist",
            "die Nachfrage nach Waren und Dienstleistungen, die von ausgebeuteten Personen "
            "hergestellt werden, den Menschenhandel fördert",
            "kriminelle Netzwerke zunehmend grenzüberschreitend tätig sind und rechtliche "
            "Lücken ausnutzen",
        ],
        "ask": [
            "die Bemühungen um eine frühzeitige Identifizierung der Opfer zu verstärken",
            "sicherzustellen, dass die Opfer Zugang zu angemessener Unterstützung und "
            "angemessenem Schutz haben",
            "nationale Verweisungsmechanismen einzurichten und nationale Koordinatoren zu benennen",
            "das öffentliche Bewusstsein für die Gefahren der Ausbeutung zu schärfen",
            "Strafverfolgungsbeamte, Staatsanwälte und Richter gezielt zu schulen",
            "Menschenhändler strafrechtlich zu verfolgen und wirksame und abschreckende "
            "Strafen zu verhängen",
            "Daten über Fälle von Menschenhandel unter gebührender Beachtung des Schutzes "
            "personenbezogener Daten zu erheben und auszutauschen",
        ],
        "ratify": "{np} zu ratifizieren",
        "implement": "{np} vollständig umzusetzen",
        "mandate": [
            "auf Ersuchen weiterhin Unterstützung bei der Umsetzung dieses Beschlusses zu leisten",
            "im Rahmen der vorhandenen Mittel ein Expertentreffen über die Verhütung des "
            "Menschenhandels auszurichten",
            "praktische Leitlinien für die Identifizierung von Opfern zu erarbeiten",
        ],
        "report": "regelmäßig {pc_dat} über die Umsetzung dieses Beschlusses Bericht zu erstatten",
        "decide": [
            "im Rahmen der vorhandenen Mittel eine hochrangige Konferenz über die "
            "Bekämpfung des Menschenhandels einzuberufen",
            "die Umsetzung dieses Beschlusses regelmäßig zu überprüfen",
            "jährlich ein Treffen der nationalen Koordinatoren abzuhalten",
        ],
        "welcome": "begrüßt die Fortschritte in Bezug auf {np}",
        "support": "unterstützt die Bemühungen, {np} umzusetzen",
        "items_lead": "folgende Maßnahmen zu ergreifen:",
        "items": [
            "Verstärkung der frühzeitigen Identifizierung von Opfern",
            "Schulung von Bediensteten an vorderster Front in opferzentrierten Ansätzen",
            "Sensibilisierungskampagnen für gefährdete Gruppen",
            "Austausch bewährter Verfahren zwischen den nationalen Behörden",
            "Unterstützung von Schutzunterkünften und spezialisierten Diensten für Opfer",
        ],
        "corr_note": "Enthält eine Berichtigung des Beschlusses, die bei der Sitzung zur "
        "sprachlichen Abstimmung am {date} vorgenommen wurde.",
        "reissue_note": "Neuauflage aus technischen Gründen.",
        "notes": [
            "Der Begriff wird im Einklang mit dem innerstaatlichen Recht verwendet.",
            "Siehe auch {np}.",
            "Einschließlich der auf regionaler und lokaler Ebene getroffenen Maßnahmen.",
        ],
        "statement": [
            "„Herr Vorsitzender,",
            "mit unserem Beitritt zum Konsens über diesen Beschluss möchte unsere "
            "Delegation die Bedeutung eines umfassenden Ansatzes gegenüber diesem schweren "
            "Verbrechen hervorheben.",
            "Wir gehen davon aus, dass dieser Beschluss keine neuen Verpflichtungen über "
            "die bereits von jedem Staat übernommenen hinaus begründet.",
            "Wir ersuchen, diesen Text dem Beschluss beizufügen und in das Journal des "
            "Tages aufzunehmen.“",
        ],
        "annex_title": [
            "Leitlinien für die Identifizierung von Opfern",
            "Arbeitsplan für die Umsetzung dieses Beschlusses",
            "Mandat der Expertengruppe",
        ],
        "annex_points": [
            "Die Arbeiten werden im Rahmen der vorhandenen Mittel und in enger Abstimmung "
            "mit den zuständigen nationalen Behörden durchgeführt.",
            "Die Fortschritte werden einmal jährlich anhand eines schriftlichen Berichts "
            "des Vorsitzes überprüft.",
            "Experten aus allen Regionen werden eingeladen, ihre Erfahrungen mit der "
            "Identifizierung und Verweisung von Opfern einzubringen.",
            "Eine Zusammenfassung der Ergebnisse ohne personenbezogene Daten wird am Ende "
            "jedes Jahres veröffentlicht.",
            "Der Plan kann im Lichte der in den ersten beiden Jahren gesammelten "
            "Erfahrungen überarbeitet werden.",
        ],
    },
    "es": {
        "title_head": [
            ("Lucha contra", "sobre la lucha contra"),
            (
                "Intensificación de los esfuerzos para prevenir",
                "sobre la intensificación de los esfuerzos para prevenir",
            ),
            (
                "Fortalecimiento de la cooperación para combatir",
                "sobre el fortalecimiento de la cooperación para combatir",
            ),
            ("Medidas para prevenir", "sobre las medidas para prevenir"),
            (
                "Intensificación de la lucha contra",
                "sobre la intensificación de la lucha contra",
            ),
        ],
        "title_obj": [
            "la trata de niños",
            "la trata de personas con fines de explotación laboral",
            "la trata de personas a lo largo de las rutas migratorias",
            "la explotación sexual de niños en Internet",
            "todas las formas de trata de personas",
            "la trata de personas en las cadenas de suministro",
            "la demanda que fomenta la explotación",
            "la trata de mujeres y niñas",
        ],
        "clause": [
            "la trata de personas es un delito grave que vulnera la dignidad humana",
            "las víctimas deben tener acceso a protección y asistencia con independencia de "
            "su disposición a cooperar con las autoridades",
            "los niños son especialmente vulnerables a la explotación y requieren una "
            "protección especial",
            "una prevención eficaz exige abordar las causas profundas de la vulnerabilidad, "
            "como la pobreza y la discriminación",
            "las nuevas tecnologías pueden utilizarse indebidamente para captar y explotar a "
            "las víctimas",
            "un enfoque integral basado en los derechos humanos es esencial para una "
            "respuesta eficaz",
            "la demanda de bienes y servicios producidos por personas explotadas contribuye "
            "a la trata",
            "las redes delictivas actúan cada vez más a través de las fronteras y aprovechan "
            "los vacíos jurídicos",
        ],
        "ask": [
            "intensificar los esfuerzos para identificar a las víctimas en una fase temprana",
            "garantizar que las víctimas tengan acceso a una asistencia y una protección adecuadas",
            "establecer mecanismos nacionales de derivación y designar coordinadores nacionales",
            "sensibilizar a la opinión pública sobre los riesgos de explotación",
            "impartir capacitación especializada a los funcionarios policiales, los fiscales "
            "y los jueces",
            "enjuiciar a los tratantes e imponer sanciones eficaces y disuasorias",
            "recopilar e intercambiar datos sobre casos de trata, respetando debidamente la "
            "protección de los datos personales",
        ],
        "ratify": "considerar la posibilidad de ratificar {np}",
        "implement": "aplicar plenamente las disposiciones pertinentes {np_de}",
        # request/task take "que" + subjunctive: singular and plural addressees
        "mandate": [
            (
                "que siga prestando asistencia, previa solicitud, en la aplicación de la "
                "presente decisión",
                "que sigan prestando asistencia, previa solicitud, en la aplicación de la "
                "presente decisión",
            ),
            (
                "que organice, con cargo a los recursos existentes, una reunión de expertos "
                "sobre la prevención de la trata",
                "que organicen, con cargo a los recursos existentes, una reunión de expertos "
                "sobre la prevención de la trata",
            ),
            (
                "que elabore orientaciones prácticas sobre la identificación de las víctimas",
                "que elaboren orientaciones prácticas sobre la identificación de las víctimas",
            ),
        ],
        "report": (
            "que informe periódicamente {pc_a} sobre la aplicación de la presente decisión",
            "que informen periódicamente {pc_a} sobre la aplicación de la presente decisión",
        ),
        "decide": [
            "convocar, con cargo a los recursos existentes, una conferencia de alto nivel "
            "sobre la lucha contra la trata de personas",
            "examinar periódicamente la aplicación de la presente decisión",
            "celebrar una reunión anual de los coordinadores nacionales",
        ],
        "welcome": "Acoge con beneplácito los progresos realizados en la aplicación {np_de}",
        "support": "Apoya los esfuerzos por aplicar {np}",
        "items_lead": "adoptar las medidas siguientes:",
        "items": [
            "El fortalecimiento de la identificación temprana de las víctimas",
            "La capacitación del personal de primera línea en enfoques centrados en las víctimas",
            "Campañas de sensibilización dirigidas a los grupos de riesgo",
            "El intercambio de buenas prácticas entre las autoridades nacionales",
            "El apoyo a los centros de acogida y a los servicios especializados para las víctimas",
        ],
        "corr_note": "Incluye una corrección de la decisión efectuada en la sesión de "
        "concordancia lingüística celebrada el {date}.",
        "reissue_note": "Reedición por motivos técnicos.",
        "notes": [
            "El término se utiliza de conformidad con la legislación nacional.",
            "Véase también {np}.",
            "Incluidas las medidas adoptadas a nivel regional y local.",
        ],
        "statement": [
            "“Señor Presidente:",
            "Al sumarnos al consenso sobre esta decisión, nuestra delegación desea subrayar "
            "la importancia de un enfoque integral frente a este grave delito.",
            "Entendemos que nada de lo dispuesto en esta decisión crea nuevas obligaciones "
            "más allá de las ya aceptadas por cada Estado.",
            "Solicitamos que el presente texto se adjunte a la decisión y se incluya en el "
            "diario de la sesión.”",
        ],
        "annex_title": [
            "Directrices para la identificación de las víctimas",
            "Plan de trabajo para la aplicación de la presente decisión",
            "Mandato del grupo de expertos",
        ],
        "annex_points": [
            "Los trabajos se llevarán a cabo con cargo a los recursos existentes y en "
            "estrecha consulta con las autoridades nacionales competentes.",
            "Los progresos se examinarán una vez al año sobre la base de un informe "
            "escrito preparado por la Presidencia.",
            "Se invitará a expertos de todas las regiones a aportar su experiencia en la "
            "identificación y derivación de las víctimas.",
            "Al final de cada año se hará público un resumen de los resultados, sin datos "
            "personales.",
            "El plan podrá revisarse a la luz de la experiencia adquirida durante sus dos "
            "primeros años.",
        ],
    },
    "it": {
        "title_head": [
            ("Lotta contro", "sulla lotta contro"),
            (
                "Rafforzamento degli sforzi volti a prevenire",
                "sul rafforzamento degli sforzi volti a prevenire",
            ),
            (
                "Rafforzamento della cooperazione per combattere",
                "sul rafforzamento della cooperazione per combattere",
            ),
            ("Misure volte a prevenire", "sulle misure volte a prevenire"),
            (
                "Intensificazione della lotta contro",
                "sull'intensificazione della lotta contro",
            ),
        ],
        "title_obj": [
            "la tratta di minori",
            "la tratta di esseri umani a fini di sfruttamento lavorativo",
            "la tratta di esseri umani lungo le rotte migratorie",
            "lo sfruttamento sessuale dei minori online",
            "tutte le forme di tratta di esseri umani",
            "la tratta di esseri umani nelle catene di approvvigionamento",
            "la domanda che alimenta lo sfruttamento",
            "la tratta di donne e ragazze",
        ],
        "clause": [
            "la tratta di esseri umani è un reato grave che lede la dignità umana",
            "le vittime devono avere accesso a protezione e assistenza indipendentemente "
            "dalla loro disponibilità a cooperare con le autorità",
            "i minori sono particolarmente vulnerabili allo sfruttamento e necessitano di "
            "una protezione speciale",
            "una prevenzione efficace richiede di affrontare le cause profonde della "
            "vulnerabilità, come la povertà e la discriminazione",
            "le nuove tecnologie possono essere utilizzate in modo improprio per reclutare e "
            "sfruttare le vittime",
            "un approccio globale basato sui diritti umani è essenziale per una risposta efficace",
            "la domanda di beni e servizi prodotti da persone sfruttate contribuisce alla tratta",
            "le reti criminali operano sempre più a livello transfrontaliero e sfruttano le "
            "lacune giuridiche",
        ],
        "ask": [
            "intensificare gli sforzi volti a identificare tempestivamente le vittime",
            "garantire che le vittime abbiano accesso a un'assistenza e a una protezione adeguate",
            "istituire meccanismi nazionali di riferimento e designare coordinatori nazionali",
            "sensibilizzare l'opinione pubblica sui rischi di sfruttamento",
            "fornire una formazione specializzata agli operatori delle forze dell'ordine, "
            "ai pubblici ministeri e ai giudici",
            "perseguire i trafficanti e imporre sanzioni efficaci e dissuasive",
            "raccogliere e scambiare dati sui casi di tratta, nel dovuto rispetto della "
            "protezione dei dati personali",
        ],
        "ratify": "valutare la possibilità di ratificare {np}",
        "implement": "attuare pienamente le pertinenti disposizioni {np_di}",
        "mandate": [
            "continuare a fornire assistenza, su richiesta, nell'attuazione della presente "
            "decisione",
            "organizzare, nei limiti delle risorse esistenti, una riunione di esperti sulla "
            "prevenzione della tratta",
            "elaborare orientamenti pratici sull'identificazione delle vittime",
        ],
        "report": "riferire periodicamente {pc_a} sull'attuazione della presente decisione",
        "decide": [
            "convocare, nei limiti delle risorse esistenti, una conferenza di alto livello "
            "sulla lotta alla tratta di esseri umani",
            "esaminare periodicamente l'attuazione della presente decisione",
            "tenere una riunione annuale dei coordinatori nazionali",
        ],
        "welcome": "Accoglie con favore i progressi compiuti nell'attuazione {np_di}",
        "support": "Sostiene gli sforzi volti ad attuare {np}",
        "items_lead": "adottare le seguenti misure:",
        "items": [
            "Il rafforzamento dell'identificazione precoce delle vittime",
            "La formazione del personale di prima linea in approcci incentrati sulle vittime",
            "Campagne di sensibilizzazione rivolte ai gruppi a rischio",
            "Lo scambio di buone pratiche tra le autorità nazionali",
            "Il sostegno ai centri di accoglienza e ai servizi specializzati per le vittime",
        ],
        "corr_note": "Include una correzione della decisione apportata nella riunione di "
        "conformità linguistica tenutasi il {date}.",
        "reissue_note": "Ristampa per motivi tecnici.",
        "notes": [
            "Il termine è utilizzato in conformità con la legislazione nazionale.",
            "Si veda anche {np}.",
            "Incluse le misure adottate a livello regionale e locale.",
        ],
        "statement": [
            "“Signor Presidente,",
            "nell'unirsi al consenso su questa decisione, la nostra delegazione desidera "
            "sottolineare l'importanza di un approccio globale a questo grave reato.",
            "Riteniamo che nulla in questa decisione crei nuovi obblighi al di là di quelli "
            "già accettati da ciascuno Stato.",
            "Chiediamo che il presente testo sia accluso alla decisione e incluso nel "
            "giornale della seduta.”",
        ],
        "annex_title": [
            "Orientamenti per l'identificazione delle vittime",
            "Piano di lavoro per l'attuazione della presente decisione",
            "Mandato del gruppo di esperti",
        ],
        "annex_points": [
            "I lavori saranno svolti nei limiti delle risorse esistenti e in stretta "
            "consultazione con le autorità nazionali competenti.",
            "I progressi saranno esaminati una volta all'anno sulla base di una relazione "
            "scritta predisposta dalla Presidenza.",
            "Esperti di tutte le regioni saranno invitati a condividere la loro esperienza "
            "in materia di identificazione e invio delle vittime.",
            "Alla fine di ogni anno sarà resa pubblica una sintesi dei risultati, priva di "
            "dati personali.",
            "Il piano potrà essere rivisto alla luce dell'esperienza maturata nei primi due anni.",
        ],
    },
}

# =======================================================================================
# Grammar helpers: articles, contractions, elision, lists
# =======================================================================================

_VOWELS = set("aeiouàâäéèêëîïôöùûüAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜ")


def _starts_vowel(word: str) -> bool:
    return bool(word) and word[0] in _VOWELS


def _art_fr(gender: str, word: str, prep: str = "") -> str:
    """French article (with its preposition) before ``word``: "la ", "l'", "du ", "aux "."""
    if gender == "-":
        if prep == "de" and _starts_vowel(word):
            return "d'"
        return f"{prep} " if prep else ""
    if gender.endswith("p"):
        art = "les"
    elif _starts_vowel(word):
        art = "l'"
    else:
        art = "le" if gender == "m" else "la"
    contracted = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}
    if (prep, art) in contracted:
        return contracted[(prep, art)] + " "
    head = f"{prep} " if prep else ""
    return head + (art if art.endswith("'") else art + " ")


def _art_es(gender: str, word: str, prep: str = "") -> str:
    if gender == "-":
        return f"{prep} " if prep else ""
    art = {"m": "el", "f": "la", "mp": "los", "fp": "las"}[gender]
    if art == "el" and prep in ("de", "a"):
        return ("del" if prep == "de" else "al") + " "
    return (f"{prep} " if prep else "") + art + " "


def _it_lo(word: str) -> bool:
    w = word.lower()
    return (
        (len(w) > 1 and w[0] == "s" and w[1] not in "aeiouàèéìòù")
        or w[:1] in ("z", "x", "y")
        or w[:2] in ("gn", "ps", "pn")
    )


def _art_it(gender: str, word: str, prep: str = "") -> str:
    if gender == "-":
        return f"{prep} " if prep else ""
    if gender == "m":
        art = "l'" if _starts_vowel(word) else ("lo" if _it_lo(word) else "il")
    elif gender == "f":
        art = "l'" if _starts_vowel(word) else "la"
    elif gender == "mp":
        art = "gli" if _starts_vowel(word) or _it_lo(word) else "i"
    else:
        art = "le"
    stems = {"di": "de", "a": "a", "da": "da", "in": "ne", "su": "su"}
    if prep in stems:
        tail = {
            "il": "l",
            "lo": "llo",
            "l'": "ll'",
            "la": "lla",
            "i": "i",
            "gli": "gli",
            "le": "lle",
        }
        out = stems[prep] + tail[art]
        return out if out.endswith("'") else out + " "
    head = f"{prep} " if prep else ""
    return head + (art if art.endswith("'") else art + " ")


_DE_ART = {
    "acc": {"m": "den", "f": "die", "n": "das", "pl": "die", "-": ""},
    "dat": {"m": "dem", "f": "der", "n": "dem", "pl": "den", "-": ""},
    "gen": {"m": "des", "f": "der", "n": "des", "pl": "der", "-": ""},
    "nom": {"m": "der", "f": "die", "n": "das", "pl": "die", "-": ""},
}


def _art_de(gender: str, case: str) -> str:
    art = _DE_ART[case][gender]
    return art + " " if art else ""


def _elide(lang: str, word: str, following: str) -> str:
    """ "de" + "intensifier" -> "d'intensifier"; Italian "a" + "adottare" -> "ad adottare"."""
    if lang == "fr" and word in ("de", "que") and _starts_vowel(following):
        return word[:-1] + "'"
    if lang == "it" and word == "a" and following[:1].lower() == "a":
        return "ad "
    return word + " " if word else ""


def _join(items: Sequence[str], conj: str, lang: str) -> str:
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    last = items[-1]
    if lang == "es" and conj == "y" and re.match(r"h?i(?!e)", last.lower()):
        conj = "e"
    return ", ".join(items[:-1]) + f" {conj} " + last


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _decap(text: str) -> str:
    return text[:1].lower() + text[1:]


def _pick(labels: Sequence[str], pattern: str | None, avoid: str | None = None) -> str | None:
    """The first label that matches ``pattern`` entirely (the first label for None)."""
    if not labels:
        return None
    if pattern is None:
        return labels[0]
    rx = re.compile(pattern)
    found = [lab for lab in labels if rx.fullmatch(lab)]
    if avoid and len(found) > 1:
        preferred = [lab for lab in found if not re.search(avoid, lab)]
        found = preferred or found
    return found[0] if found else None


def _en_article(label: str) -> str:
    """English takes "the" before a name, not before an acronym or a one-word name."""
    if label.startswith("those ") or label.isupper() or re.fullmatch(r"[A-Z][a-z]+", label):
        return ""
    return "the "


# =======================================================================================
# What the generator reads from the vocabulary, per language
# =======================================================================================


@dataclass(frozen=True, slots=True)
class _Form:
    """One printable name of an instrument in one language."""

    label: str
    gender: str  # article class (fr/es/it/de)
    parents: tuple[str, ...]  # ids of instruments named inside this name


@dataclass(frozen=True, slots=True)
class _Instrument:
    id: str
    year: int
    forms: dict[str, tuple[_Form, ...]]  # language -> names, the preferred one first


@dataclass(frozen=True, slots=True)
class _Actor:
    id: str
    gender: dict[str, str]
    forms: dict[str, dict[str, str]]  # language -> slot -> label


_DE_FREE_PREWORD = re.compile(r"\w+er")  # "Budapester", "Brüsseler": do not inflect


def _de_label_ok(label: str, heads: dict[str, str]) -> str | None:
    """Gender of a German instrument name that stays grammatical after an accusative
    article ("das Übereinkommen …", "die Europäische Sicherheitscharta …"), else None."""
    words = label.split()
    for i, w in enumerate(words):
        low = w.lower().strip(",:")
        for suffix, gender in heads.items():
            if low.endswith(suffix):
                before = words[:i]
                if gender == "m" and before:
                    return None
                if gender == "n" and not all(_DE_FREE_PREWORD.fullmatch(b) for b in before):
                    return None
                if gender == "f" and any(re.search(r"(?:en|em|es)$", b) for b in before):
                    return None
                return gender
    return None


def _instrument_labels(c: Concept, lang: str) -> list[tuple[str, str]]:
    """The labels that can be printed for an instrument in ``lang`` after an article (or,
    in Russian, in the nominative), each with its article class; preferred label first.

    Acronyms, symbols and one-word names are left out; Russian keeps its preferred
    (nominative) label only, German only names whose words keep their form after an
    accusative article."""
    glue = _GLUE[lang]
    out: list[tuple[str, str]] = []
    for lab in c.labels.get(lang, ()):
        if len(lab) < 8 or "/" in lab or lab.isupper() or not re.search(r"\s", lab):
            continue
        if lang == "en":
            if not re.match(r"\w+ing\b", lab):
                out.append((lab, "the"))
        elif lang == "ru":
            out.append((lab if re.match(r"[А-ЯЁA-Z0-9]", lab) else _cap(lab), ""))
            break
        elif lang == "de":
            g = _de_label_ok(lab, glue["heads"])
            if g:
                out.append((lab, g))
        else:
            head = lab.split()[0].lower()
            if head in glue["heads"]:
                out.append((lab, glue["heads"][head]))
    return out


def _year_of(c: Concept) -> int | None:
    d = c.prop("date")
    if d and re.match(r"\d{4}", d):
        return int(d[:4])
    if c.identifier in _FALLBACK_YEARS:
        return _FALLBACK_YEARS[c.identifier]
    m = re.search(r"(1[89]\d\d|20\d\d)$", c.identifier)
    if m:
        return int(m.group(1))
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", c.label("en"))
    return int(m.group(1)) if m else None


class _Vocab:
    """Per-language formulas, precomputed once per process from the lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.openers = {c.notation: c for c in lex.scheme("openers")}
        self.relation_of = {
            c.notation: (lex.concepts[c.prop("relation") or ""].notation)
            for c in lex.scheme("openers")
            if c.prop("relation") in lex.concepts
        }
        # top action concepts: the IRI's last segment is the notation
        self.actions = {
            c.notation: c for c in lex.scheme("actions") if c.iri.rsplit("/", 1)[-1] == c.notation
        }
        self.modifiers = {c.notation: c for c in lex.scheme("modifiers")}
        self.parts = {c.notation: c for c in lex.scheme("document-parts")}
        self.ordinals = {int(c.notation): c for c in lex.scheme("ordinals") if c.notation.isdigit()}
        self.months = {int(c.notation): c for c in lex.scheme("calendar") if c.notation.isdigit()}
        self.places = {c.iri: c for c in lex.scheme("places")}
        self.languages = {c.notation: c for c in lex.scheme("languages")}
        self.delegations = {c.notation: c for c in lex.scheme("delegations")}
        self.meetings: dict[int, tuple[int, Concept]] = {}
        for c in lex.scheme("meetings"):
            y, n, place = c.prop("year"), c.prop("meetingNumber"), c.prop("place")
            if y and n and place in self.places and int(y) not in self.meetings:
                self.meetings[int(y)] = (int(n), self.places[place])
        self.abbreviations = _abbreviations()
        self.actors = self._actors(lex)
        self.instruments = self._instruments(lex)
        self.reserved = _reserved_symbols(lex)

    def _actors(self, lex: Lexicon) -> dict[str, _Actor]:
        out: dict[str, _Actor] = {}
        concepts = {c.notation: c for c in lex.scheme("actors")}
        for notation in _ACTOR_IDS:
            c = concepts.get(notation)
            if c is None:
                continue
            gender: dict[str, str] = {}
            forms: dict[str, dict[str, str]] = {}
            for lang in LANGUAGES:
                spec = _GLUE[lang]["actors"].get(notation, (None, None) if lang == "en" else None)
                if spec is None:
                    continue
                labels = c.labels.get(lang, ())
                slots: dict[str, str] = {}
                if lang == "ru":
                    for slot, rx in spec.items():
                        lab = _pick(labels, rx, avoid="ё")
                        if lab:
                            slots[slot] = lab
                elif lang == "de":
                    g, sels = spec
                    gender[lang] = g
                    for slot, rx in sels.items():
                        lab = _pick(labels, rx)
                        if lab:
                            slots[slot] = lab
                else:
                    g, rx = spec
                    gender[lang] = g or ""
                    lab = _pick(labels, rx)
                    if lab:
                        for slot in ("acc", "dat", "instr", "nom", "gen", "with"):
                            slots[slot] = lab
                forms[lang] = slots
            out[notation] = _Actor(notation, gender, forms)
        return out

    def _instruments(self, lex: Lexicon) -> dict[str, _Instrument]:
        out: dict[str, _Instrument] = {}
        by_iri = {c.iri: c for c in lex.scheme("instruments")}
        for c in lex.scheme("instruments"):
            if (
                c.prop("family") is None
                and c.prop("familyYear") is None
                and not re.search(r"[:/]", c.identifier)
            ):
                continue  # a family word ("Addendum"), not a work
            year = _year_of(c)
            if year is None:
                continue
            forms: dict[str, tuple[_Form, ...]] = {}
            for lang in LANGUAGES:
                found = []
                for label, gender in _instrument_labels(c, lang):
                    inside = []
                    for parent_iri in c.props.get("supplements", ()):
                        parent = by_iri.get(parent_iri)
                        if parent and any(
                            pl.casefold() in label.casefold() for pl in parent.labels.get(lang, ())
                        ):
                            inside.append(parent.identifier)
                    found.append(_Form(label, gender, tuple(inside)))
                if found:
                    forms[lang] = tuple(found)
            out[c.identifier] = _Instrument(c.identifier, year, forms)
        return out

    # --- label access ----------------------------------------------------------------

    def part(self, notation: str, lang: str, pattern: str | None = None) -> str:
        c = self.parts[notation]
        lab = _pick(c.labels.get(lang, ()), pattern)
        if lab is None:
            raise KeyError(f"no {notation!r} label in {lang}")
        return lab

    def ordinal(self, n: int, lang: str, pattern: str) -> str:
        lab = _pick(self.ordinals[n].labels.get(lang, ()), pattern, avoid=r"ue|oe|ae|ё")
        if lab is None:
            lab = self.ordinals[n].labels[lang][0]
        return lab

    def place(self, c: Concept, lang: str) -> str:
        return c.labels.get(lang, c.labels.get("en", (c.notation,)))[0]

    def exonym(self, c: Concept) -> str:
        return c.prop("exonym") or c.label("en")

    def language_name(self, code: str) -> str:
        """The English name of a language, as printed in the header block."""
        return self.languages[code].labels["en"][0].upper()

    def actor(self, notation: str, lang: str, slot: str) -> str | None:
        a = self.actors.get(notation)
        if a is None:
            return None
        return a.forms.get(lang, {}).get(slot)


@cache
def _vocab() -> _Vocab:
    return _Vocab(lexicon())


def _abbreviations() -> dict[tuple[str, str], str]:
    """Localised body abbreviations ("CM" in French), keyed by (symbolPrefix, lang).

    The lexicon keeps property values without their language tags, so the tagged
    ``cg:abbreviation`` values are read from ``actors.ttl`` itself."""
    out: dict[tuple[str, str], str] = {}
    try:
        import rdflib

        g = rdflib.Graph()
        g.parse(data_dir("ontology") / "vocab" / "actors.ttl", format="turtle")
        cg = rdflib.Namespace("https://w3id.org/commitgraph/ontology#")
        for s, _, prefix in g.triples((None, cg.symbolPrefix, None)):
            for ab in sorted(g.objects(s, cg.abbreviation)):
                lang = getattr(ab, "language", None)
                if lang and (str(prefix), lang) not in out:
                    out[(str(prefix), lang)] = str(ab)
    except Exception:  # a missing or unreadable file only costs localisation
        return out
    return out


def _reserved_symbols(lex: Lexicon) -> frozenset[str]:
    """Symbols of real documents the project knows (instruments, catalogue): the synthetic
    corpus never reuses them, so its works cannot merge with real ones in a graph."""
    out = {c.identifier for c in lex.scheme("instruments")}
    cat = data_dir("ontology") / "catalogue"
    for f in sorted(cat.glob("*.ttl")) if cat.is_dir() else []:
        out.update(re.findall(r'"((?:MC|PC|FSC)(?:\(\d+\))?\.(?:DEC|DOC)/[\w./]+)"', f.read_text()))
    return frozenset(out)


# =======================================================================================
# Planning: what each work says, independent of language
# =======================================================================================

_YEARS = tuple(range(2003, 2025))
_MC_SHARE = 0.3
_PC_FIRST_NUMBER = 430
_PC_FIRST_PLENARY = 440
_ZIPF_EXPONENT = 1.2
# Permanent Council numbers must stay within four digits (the symbol grammar): about
# 70% of the works are PC decisions numbered from 430.
_MAX_WORKS = 12_000

# Openers that take citations, and openers followed by a clause, with their weights.
_CITE_OPENERS = {
    "reaffirming": 3.0,
    "recalling": 4.0,
    "bearing_in_mind": 1.0,
    "taking_into_account": 1.0,
    "referring_to": 0.5,
    "taking_note": 1.0,
    "welcoming": 1.0,
    "guided_by": 0.5,
}
_CLAUSE_OPENERS = {
    "recalling": 1.0,
    "reaffirming": 1.0,
    "recognizing": 2.0,
    "noting": 1.5,
    "bearing_in_mind": 1.0,
    "concerned": 2.0,
    "noting_with_concern": 1.0,
    "stressing": 2.0,
    "convinced": 1.0,
    "aware": 1.0,
    "considering": 1.0,
}
_AFTER_MODIFIABLE = {
    "recalling",
    "reaffirming",
    "noting",
    "recognizing",
    "stressing",
    "taking_note",
}
_ACTIONS = {
    "call_upon": 4.0,
    "encourage": 3.0,
    "urge": 1.0,
    "request": 2.0,
    "task": 2.0,
    "invite": 1.0,
    "decide": 1.5,
    "welcome": 0.5,
    "support": 0.5,
}
_EXTERNAL = (
    "INTERPOL",
    "Europol",
    "UNODC",
    "UNICEF",
    "UNHCR",
    "IOM",
    "ILO",
    "OHCHR",
    "CouncilOfEurope",
    "GRETA",
    "ICAT",
    "AllianceAgainstTrafficking",
)
_ADDRESSEES = {
    "call_upon": [["ParticipatingStates"], ["ParticipatingStatesNotYetDone"]],
    "urge": [["ParticipatingStates"]],
    "encourage": [
        ["ParticipatingStates"],
        ["ParticipatingStates", "PartnersForCooperation"],
        ["PartnersForCooperation"],
    ],
    "invite": [
        ["PartnersForCooperation"],
        ["InternationalOrganizations"],
        ["PartnersForCooperation", "InternationalOrganizations"],
    ],
    "request": [
        ["Secretariat"],
        ["ODIHR"],
        ["SpecialRepresentativeTHB"],
        ["ChairpersonInOffice"],
        ["ExecutiveStructures"],
        ["Secretariat", "ODIHR"],
    ],
    "task": [
        ["ExecutiveStructures"],
        ["Secretariat"],
        ["ODIHR"],
        ["SpecialRepresentativeTHB"],
        ["PermanentCouncil"],
    ],
}
_COORDINATORS = ("ODIHR", "SpecialRepresentativeTHB", "ChairpersonInOffice")
_DELEGATIONS = tuple(_DELEGATION_LANGUAGE)
_TREATY_FAMILIES = ("UNTC:", "CETS:", "ETS:", "ILO:")


@dataclass(slots=True)
class _Pre:
    kind: str  # "cite" | "clause" | "pc"
    opener: str
    modifier: str | None = None
    instruments: list[str] = field(default_factory=list)
    decisions: list[int] = field(default_factory=list)
    style: str = "number"  # decisions cited by "number" (with their titles) or "symbol"
    clause: int = 0
    qualifier: bool = False
    note: str | None = None  # footnote marker glued to this paragraph


@dataclass(slots=True)
class _Op:
    action: str
    kind: str  # ask | ratify | implement | items | mandate | report | decide | welcome | support
    addressees: list[str] = field(default_factory=list)
    content: int = 0
    modifier: bool = False
    instruments: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)  # "in co-operation with"
    coord: str | None = None  # "in co-ordination with"
    items: int = 0
    note: str | None = None


@dataclass(slots=True)
class _Note:
    marker: str
    kind: str  # corr | reissue | text
    content: int = 0
    instrument: str | None = None
    when: date | None = None


@dataclass(slots=True)
class _Work:
    index: int
    body: str  # MC | PC
    date: date
    meeting: int
    day: int | None
    number: str = ""
    agenda: int = 1
    city: str | None = None  # places IRI of the meeting city (MC)
    letterhead: bool = False
    corr: bool = False
    reissue: bool = False
    title: tuple[int, int] = (0, 0)
    single: bool = False
    preamble: list[_Pre] = field(default_factory=list)
    operative: list[_Op] = field(default_factory=list)
    notes: list[_Note] = field(default_factory=list)
    annex: tuple[int, int] | None = None  # (title, number of points)
    statements: list[str] = field(default_factory=list)
    numbered_attachment: bool = True
    local_date: bool = False

    @property
    def symbol(self) -> str:
        return f"{self.body}.DEC/{self.number}"

    @property
    def printed_symbol(self) -> str:
        return self.symbol + ("/Corr.1" if self.corr else "")

    def stem(self, lang: str) -> str:
        return re.sub(r"[/()]", ".", self.symbol) + "." + lang


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _thursdays(year: int) -> list[date]:
    d = date(year, 1, 8)
    while d.weekday() != 3:
        d += timedelta(days=1)
    out = []
    while d <= date(year, 12, 18):
        if d.month != 8 and not (d.month == 12 and d.day <= 9):
            out.append(d)
        d += timedelta(days=7)
    return out


def _schedule(n_works: int, rng: random.Random, v: _Vocab) -> list[_Work]:
    """Dates, bodies, meetings and symbols of ``n_works`` works, in adoption order."""
    mc_years = [y for y in _YEARS if y in v.meetings]
    n_mc = round(n_works * _MC_SHARE) if mc_years else 0
    n_pc = n_works - n_mc
    works: list[_Work] = []
    plenary = _PC_FIRST_PLENARY
    for yi, year in enumerate(_YEARS):
        k_pc = n_pc // len(_YEARS) + (1 if yi < n_pc % len(_YEARS) else 0)
        meetings = _thursdays(year)
        numbers = {d: plenary + i for i, d in enumerate(meetings)}
        plenary += len(meetings)
        for d in sorted(rng.choice(meetings) for _ in range(k_pc)):
            works.append(_Work(0, "PC", d, numbers[d], None))
        if year in v.meetings:
            mi = mc_years.index(year)
            k_mc = n_mc // len(mc_years) + (1 if mi < n_mc % len(mc_years) else 0)
            number, place = v.meetings[year]
            first = date(year, 12, rng.randint(1, 7))
            days = sorted(2 if rng.random() < 0.7 else 1 for _ in range(k_mc))
            n = 0
            for day in days:
                n += 1
                while f"MC.DEC/{n}/{year % 100:02d}" in v.reserved:
                    n += 1  # a real decision has this symbol: skip the number
                w = _Work(0, "MC", first + timedelta(days=day - 1), number, day)
                w.number = f"{n}/{year % 100:02d}"
                w.city = place.iri
                works.append(w)
    works.sort(key=lambda w: (w.date, w.body, int(w.number.split("/")[0]) if w.number else 0))
    pc_number = _PC_FIRST_NUMBER
    kept: list[_Work] = []
    for w in works:  # PC numbers follow adoption order, skipping real symbols
        if w.body == "PC":
            while f"PC.DEC/{pc_number}" in v.reserved:
                pc_number += 1
            w.number = str(pc_number)
            pc_number += 1
        w.index = len(kept)
        kept.append(w)
    return kept


class _Citations:
    """Earlier works to cite, with preferential attachment (a cited work is more likely
    to be cited again), and instruments with a Zipf-like skew over a fixed ranking."""

    def __init__(self, rng: random.Random, v: _Vocab, langs: Sequence[str]) -> None:
        self.rng = rng
        usable = [i for i in v.instruments.values() if all(lang in i.forms for lang in langs)]
        # Older, foundational instruments are cited most; the noise keeps the order from
        # being a plain chronology.
        ranked = sorted(usable, key=lambda i: (i.year + rng.uniform(0, 14), i.id))
        self.instruments = ranked
        self.weights = [1.0 / (r + 1) ** _ZIPF_EXPONENT for r in range(len(ranked))]
        self.tickets: dict[str, list[int]] = {"MC": [], "PC": []}
        self.body_of: dict[int, str] = {}

    def admit(self, w: _Work) -> None:
        self.tickets[w.body].append(w.index)
        self.body_of[w.index] = w.body

    def instruments_for(self, year: int, k: int, treaties: bool = False) -> list[str]:
        """Up to ``k`` distinct instruments adopted by ``year`` (only treaties, which can
        be ratified, when asked)."""
        pool = [
            (i.id, wt)
            for i, wt in zip(self.instruments, self.weights, strict=True)
            if i.year <= year and (not treaties or i.id.startswith(_TREATY_FAMILIES))
        ]
        out: list[str] = []
        while pool and len(out) < k:
            ids, wts = zip(*pool, strict=True)
            pick = self.rng.choices(ids, weights=wts)[0]
            out.append(pick)
            pool = [p for p in pool if p[0] != pick]
        return out

    def works(self, body: str | None, k: int) -> list[int]:
        """Up to ``k`` distinct earlier works (of ``body``, or of any body for None)."""
        pool = self.tickets["MC"] + self.tickets["PC"] if body is None else self.tickets[body]
        out: list[int] = []
        for _ in range(k * 4):
            if not pool or len(out) >= k:
                break
            pick = self.rng.choice(pool)
            if pick not in out:
                out.append(pick)
        for i in out:
            self.tickets[self.body_of[i]].append(i)  # cited once more, likelier next time
        return sorted(out)


def _actor_ok(v: _Vocab, notation: str, slot_of: dict[str, str], langs: Sequence[str]) -> bool:
    return all(v.actor(notation, lang, slot_of[lang]) for lang in langs)


def _addr_slot(lang: str, action: str) -> str:
    """The form an addressee takes after the verb (Russian: dative after "поручает")."""
    return _GLUE["ru"]["frames"][action][0] if lang == "ru" else "acc"


def _plan(n_works: int, seed: int, langs: Sequence[str]) -> list[_Work]:
    v = _vocab()
    rng = random.Random(f"commitgraph-synth:{seed}")
    works = _schedule(n_works, rng, v)
    cites = _Citations(rng, v, langs)
    with_slot = {
        lang: ("instr" if lang == "ru" else "dat" if lang == "de" else "with") for lang in langs
    }
    mentionable = [a for a in _EXTERNAL if _actor_ok(v, a, with_slot, langs)]
    coordinators = [a for a in _COORDINATORS if _actor_ok(v, a, with_slot, langs)]
    mentionable_osce = [a for a in ("ODIHR", "SpecialRepresentativeTHB") if a in coordinators]
    pending = 0
    for w in works:
        while pending < w.index and works[pending].date < w.date:
            cites.admit(works[pending])
            pending += 1
        _plan_work(w, works, rng, v, cites, langs, mentionable, mentionable_osce, coordinators)
    return works


def _plan_work(
    w: _Work,
    works: list[_Work],
    rng: random.Random,
    v: _Vocab,
    cites: _Citations,
    langs: Sequence[str],
    mentionable: list[str],
    mentionable_osce: list[str],
    coordinators: list[str],
) -> None:
    year = w.date.year
    w.agenda = rng.randint(3, 12) if w.body == "MC" else rng.randint(1, 8)
    w.letterhead = rng.random() < (0.5 if w.body == "MC" else 0.4)
    w.corr = rng.random() < (0.12 if w.body == "MC" else 0.05)
    w.reissue = not w.corr and rng.random() < 0.03
    w.title = (
        rng.randrange(len(_CONTENT["en"]["title_head"])),
        rng.randrange(len(_CONTENT["en"]["title_obj"])),
    )
    w.single = w.body == "PC" and rng.random() < 0.08
    w.local_date = rng.random() < 0.15
    markers = iter(str(i) for i in range(1, 10))
    if w.corr:
        w.notes.append(
            _Note(next(markers), "corr", when=w.date + timedelta(days=rng.randint(35, 90)))
        )
    if w.reissue:
        w.notes.append(_Note("*", "reissue"))

    n_pre = (
        rng.randint(0, 2)
        if w.single
        else rng.randint(3, 9)
        if w.body == "MC"
        else rng.randint(1, 6)
    )
    for _ in range(n_pre):
        w.preamble.append(_plan_pre(w, rng, cites, year))
    if w.single:
        action = rng.choice(["decide", "request", "task"])
        w.operative.append(
            _plan_op(
                w, action, rng, cites, year, langs, v, mentionable, mentionable_osce, coordinators
            )
        )
    else:
        n_op = rng.randint(3, 10) if w.body == "MC" else rng.randint(2, 8)
        seen: set[tuple[object, ...]] = set()
        for i in range(n_op):
            for _ in range(5):  # the same request twice in one decision is not realistic
                op = _plan_op(
                    w,
                    _weighted(rng, _ACTIONS),
                    rng,
                    cites,
                    year,
                    langs,
                    v,
                    mentionable,
                    mentionable_osce,
                    coordinators,
                )
                key = (op.action, op.kind, tuple(op.addressees), op.content, tuple(op.instruments))
                if key not in seen:
                    break
            seen.add(key)
            op.modifier = i > 0 and op.kind not in ("welcome", "support") and rng.random() < 0.1
            w.operative.append(op)
    # A footnote marker is glued to the last word of our own wording, never to a label
    # (a marker glued to "Beings" would hide the name it ends).
    targets: list[_Pre | _Op] = [p for p in w.preamble if p.kind == "clause"]
    targets += [o for o in w.operative if o.kind in ("ask", "mandate", "decide")]
    if targets and rng.random() < 0.08:
        target = rng.choice(targets)
        note = _Note(next(markers), "text", content=rng.randrange(3))
        if note.content == 1:
            picked = cites.instruments_for(year, 1)
            if not picked:
                note.content = 0
            else:
                note.instrument = picked[0]
        target.note = note.marker
        w.notes.append(note)
    if rng.random() < 0.1:
        w.annex = (rng.randrange(len(_CONTENT["en"]["annex_title"])), rng.randint(3, 5))
    if rng.random() < (0.15 if w.body == "MC" else 0.06):
        k = 1 if rng.random() < 0.7 else 2
        w.statements = rng.sample(_DELEGATIONS, k)
    w.numbered_attachment = len(w.statements) > 1 or rng.random() < 0.5


def _plan_pre(w: _Work, rng: random.Random, cites: _Citations, year: int) -> _Pre:
    roll = rng.random()
    if roll < 0.12 and cites.tickets["PC"]:
        picked = cites.works("PC", rng.randint(1, 2))
        if picked:
            return _Pre(
                "pc", rng.choice(["recalling", "reaffirming", "taking_note"]), decisions=picked
            )
    if roll < 0.55:
        opener = _weighted(rng, _CITE_OPENERS)
        p = _Pre("cite", opener)
        p.style = "symbol" if rng.random() < 0.25 else "number"
        n_dec = rng.choice([0, 0, 1, 1, 2, 3])
        if p.style == "number":
            p.decisions = cites.works("MC", n_dec)
        else:
            p.decisions = cites.works(None, max(n_dec, 1))
        k = rng.choice([0, 1, 1, 2, 2, 3]) if p.decisions else rng.choice([1, 1, 2, 2, 3])
        p.instruments = cites.instruments_for(year, k)
        if not p.instruments and not p.decisions:
            p.instruments = cites.instruments_for(year, 1)
        if not p.instruments and not p.decisions:
            return _Pre(
                "clause", "recognizing", clause=rng.randrange(len(_CONTENT["en"]["clause"]))
            )
        p.qualifier = opener == "reaffirming" and not p.decisions and rng.random() < 0.3
        if opener in _AFTER_MODIFIABLE and rng.random() < 0.15:
            p.modifier = rng.choice(["also", "further"])
        return p
    opener = _weighted(rng, _CLAUSE_OPENERS)
    p = _Pre("clause", opener, clause=rng.randrange(len(_CONTENT["en"]["clause"])))
    if opener == "concerned" and rng.random() < 0.3:
        p.modifier = "deeply"
    elif opener in _AFTER_MODIFIABLE and rng.random() < 0.15:
        p.modifier = rng.choice(["also", "further"])
    return p


def _plan_op(
    w: _Work,
    action: str,
    rng: random.Random,
    cites: _Citations,
    year: int,
    langs: Sequence[str],
    v: _Vocab,
    mentionable: list[str],
    mentionable_osce: list[str],
    coordinators: list[str],
) -> _Op:
    if action in ("welcome", "support"):
        picked = cites.instruments_for(year, rng.choice([1, 1, 2]))
        if picked:
            return _Op(action, action, instruments=picked)
        action = "decide"
    if action == "decide":
        op = _Op("decide", "decide", content=rng.randrange(len(_CONTENT["en"]["decide"])))
        if rng.random() < 0.2:
            op.mentions = rng.sample(mentionable, rng.randint(1, 2))
        return op
    choices = [
        a
        for a in _ADDRESSEES[action]
        if not (w.body == "PC" and "PermanentCouncil" in a)
        and all(_actor_ok(v, x, {lg: _addr_slot(lg, action) for lg in langs}, langs) for x in a)
    ]
    addressees = list(rng.choice(choices))
    op = _Op(action, "ask", addressees=addressees)
    n_ask = len(_CONTENT["en"]["ask"])
    if action in ("call_upon", "urge", "encourage", "invite"):
        if addressees == ["ParticipatingStatesNotYetDone"]:
            op.kind = "ratify"
            op.instruments = cites.instruments_for(year, rng.choice([1, 1, 2]), treaties=True)
            if not op.instruments:
                op.addressees = ["ParticipatingStates"]
                op.kind = "ask"
        elif action != "invite" and "ParticipatingStates" in addressees and rng.random() < 0.15:
            op.kind = "implement"
            op.instruments = cites.instruments_for(year, rng.choice([1, 1, 2]))
            if not op.instruments:
                op.kind = "ask"
        elif action != "invite" and rng.random() < 0.15:
            op.kind = "items"
            op.items = rng.randint(2, 4)
        if op.kind == "ask":
            op.content = rng.randrange(n_ask)
            if rng.random() < 0.3:
                op.mentions = rng.sample(mentionable, rng.randint(1, 3))
    else:
        reportable = "PermanentCouncil" not in addressees
        if reportable and rng.random() < 0.25:
            op.kind = "report"
            op.mentions = ["PermanentCouncil"]
        else:
            op.kind = "mandate"
            op.content = rng.randrange(len(_CONTENT["en"]["mandate"]))
            free = [c for c in coordinators if c not in addressees]
            if free and rng.random() < 0.3:
                op.coord = rng.choice(free)
            others = [
                m for m in mentionable + mentionable_osce if m not in addressees and m != op.coord
            ]
            if rng.random() < 0.2:
                op.mentions = rng.sample(others, rng.randint(1, 2))
    return op


# =======================================================================================
# Rendering one work in one language: logical units of text, and the gold record
# =======================================================================================

_MARK = "\u2063"  # invisible placeholder before a footnote marker until layout


@dataclass(slots=True)
class _Unit:
    text: str
    kind: str = "fixed"  # fixed (never wrapped or split) | para (may be)
    blank: int = 1  # blank lines after
    body: bool = False  # a page may break before or inside it


@dataclass(slots=True)
class _Rendered:
    units: list[_Unit]
    notes: list[tuple[str, str]]  # (marker, text) in order of appearance
    attachments: list[list[_Unit]]
    running: list[str]  # running header: symbol and date lines
    gold: dict[str, Any]


def _body_id(body: str) -> str:
    return "MinisterialCouncil" if body == "MC" else "PermanentCouncil"


class _Render:
    """Writes one work in one language; every formula comes from the vocabulary."""

    def __init__(self, w: _Work, works: Sequence[_Work], lang: str, rng: random.Random) -> None:
        self.w, self.works, self.lang, self.rng = w, works, lang, rng
        self.v = _vocab()
        self.g = _GLUE[lang]
        self.c = _CONTENT[lang]
        self.chosen: dict[str, _Form] = {}

    # --- small helpers -----------------------------------------------------------------

    def label(self, c: Concept) -> str:
        return c.labels[self.lang][0]

    def sign(self) -> str:
        return self.v.part("number-sign", self.lang)

    def month(self, m: int, genitive: bool = False) -> str:
        labels = self.v.months[m].labels[self.lang]
        if genitive and self.lang == "ru":
            return _pick(labels, r"\w+[яа]") or labels[0]
        return labels[0]

    def local_date(self, d: date) -> str:
        lang = self.lang
        if lang == "ru":
            return f"{d.day} {self.month(d.month, True)} {d.year} года"
        if lang == "de":
            return f"{d.day}. {self.month(d.month)} {d.year}"
        if lang == "es":
            return f"{d.day} de {self.month(d.month)} de {d.year}"
        return f"{d.day} {self.month(d.month)} {d.year}"

    def english_date(self, d: date) -> str:
        return f"{d.day} {self.v.months[d.month].labels['en'][0]} {d.year}"

    def actor(self, notation: str, slot: str, prep: str = "") -> str:
        """An actor's noun phrase: article (with preposition) and the label for ``slot``."""
        lang = self.lang
        label = self.v.actor(notation, lang, slot)
        if label is None:
            raise KeyError(f"{notation} has no {slot} form in {lang}")
        gender = self.v.actors[notation].gender.get(lang, "")
        if lang == "en":
            return (f"{prep} " if prep else "") + _en_article(label) + label
        if lang == "fr":
            return _art_fr(gender, label, prep) + label
        if lang == "es":
            return _art_es(gender, label, prep) + label
        if lang == "it":
            return _art_it(gender, label, prep) + label
        if lang == "de":
            return _art_de(gender, slot if slot in _DE_ART else "acc") + label
        return label

    def actors(self, notations: Sequence[str], slot: str, prep: str = "") -> str:
        if self.lang == "en":
            first = self.actor(notations[0], slot, prep)
            rest = [self.actor(n, slot) for n in notations[1:]]
            return _join([first, *rest], self.g["and"], self.lang)
        parts = [self.actor(n, slot, prep) for n in notations]
        if self.lang in ("ru", "de"):
            # a relative clause inside the label ends with a comma before the verb goes on
            parts = [p + "," if "," in p else p for p in parts]
        return _join(parts, self.g["and"], self.lang)

    def form(self, iid: str) -> _Form:
        """The name this document gives an instrument: mostly the preferred label, now and
        then another name from the vocabulary (kept for the rest of the document)."""
        if iid not in self.chosen:
            forms = self.v.instruments[iid].forms[self.lang]
            pick = (
                forms[0] if len(forms) == 1 or self.rng.random() < 0.6 else self.rng.choice(forms)
            )
            self.chosen[iid] = pick
        return self.chosen[iid]

    def instrument(self, iid: str, prep: str = "") -> str:
        f = self.form(iid)
        lab, g = f.label, f.gender
        lang = self.lang
        if lang == "en":
            return (f"{prep} " if prep else "") + "the " + lab
        if lang == "fr":
            return _art_fr(g, lab, prep) + lab
        if lang == "es":
            return _art_es(g, lab, prep) + lab
        if lang == "it":
            return _art_it(g, lab, prep) + lab
        if lang == "de":
            return _art_de(g, "acc") + lab
        return lab

    def instruments(self, ids: Sequence[str], prep: str = "") -> str:
        if not ids:
            return ""
        if self.lang == "en":
            items = [self.instrument(ids[0], prep), *(self.instrument(i) for i in ids[1:])]
        else:
            items = [self.instrument(i, prep) for i in ids]
        return _join(items, self.g["and"], self.lang)

    def also_named(self, ids: Sequence[str]) -> list[str]:
        out: list[str] = []
        for i in ids:
            for parent in self.form(i).parents:
                if parent not in ids and parent not in out:
                    out.append(parent)
        return out

    def title_ref(self, w: _Work) -> str:
        head, obj = w.title
        return self.c["title_head"][head][1] + " " + self.c["title_obj"][obj]

    def decision_word(self, plural: bool, case: str = "acc") -> str:
        labels = self.v.parts["decision-word"].labels[self.lang]
        if self.lang == "ru":
            sel = self.g["sel_decisions" if plural else "sel_decision"][case]
            word = _pick(labels, sel) or labels[0]
            return word if plural else _cap(word)  # "Решение № 5/17", "решения MC.DEC/…"
        if not plural:
            return labels[0]
        pl = {
            "en": r"Decisions",
            "fr": r"Décisions",
            "de": r"Beschlüsse",
            "es": r"Decisiones",
            "it": r"Decisioni",
        }
        return _pick(labels, pl[self.lang]) or labels[0]

    # --- decisions cited ---------------------------------------------------------------

    def decision_by_number(self, cited: _Work, case: str, prep: str) -> str:
        """A cited decision by its number, with its title and (MC) where it was adopted."""
        lang, g, rng = self.lang, self.g, self.rng
        num = cited.number + ("/Corr.1" if cited.corr and rng.random() < 0.3 else "")
        sign = self.sign().lower() if lang == "fr" else self.sign()
        num_txt = f"{sign}{g['sign_sep']}{num}"
        ref = self.title_ref(cited)
        body = _body_id(cited.body)
        city = self.v.places.get(cited.city or "")
        where = ""
        style = rng.random()
        if cited.body == "MC" and city is not None and style < 0.6:
            cname = self.v.place(city, lang)
            if "adopted" in g and style < 0.35:
                label = self.v.part("adopted-at", lang)
                if lang == "fr":
                    de_city = ("d'" if _starts_vowel(cname) else "de ") + cname
                    where = ", " + g["adopted"].format(
                        label=label, de_city=de_city, year=cited.date.year
                    )
                else:
                    where = ", " + g["adopted"].format(
                        label=label, city=cname, year=cited.date.year
                    )
            else:
                where = " " + g["place_paren"].format(city=cname, year=cited.date.year)
        word = self.decision_word(False, case)
        if lang == "en":
            return f"{self.v.actor(body, 'en', 'acc')} {word} {num_txt} {ref}{where}"
        if lang == "ru":
            gen = self.v.actor(body, "ru", "gen")
            if rng.random() < 0.5:
                return f"{word} {gen} {num_txt} {ref}{where}"
            return f"{word} {num_txt} {gen} {ref}{where}"
        if lang == "de":
            gen = self.actor(body, "gen")
            return f"{_art_de('m', 'acc')}{word} {num_txt} {gen} {ref}{where}"
        art = {"fr": _art_fr, "es": _art_es, "it": _art_it}[lang]
        head = art("f", word, prep) + word
        body_gen = {"fr": "de", "es": "de", "it": "di"}[lang]
        body_np = self.actor(body, "acc", body_gen)
        if lang == "it":
            return f"{head} {body_np} {num_txt} {ref}{where}"
        if lang == "fr" and where.startswith(",") and cited.body == "MC":
            return f"{head} {num_txt} {ref}{where}"
        return f"{head} {num_txt} {body_np} {ref}{where}"

    def decisions_by_symbol(self, cited: Sequence[_Work], case: str, prep: str) -> str:
        lang, rng = self.lang, self.rng
        syms = [c.symbol + ("/Corr.1" if c.corr and rng.random() < 0.3 else "") for c in cited]
        if len(cited) == 1:
            word = self.decision_word(False, case)
            ref = " " + self.title_ref(cited[0])
            core = f"{word} {syms[0]}{ref}"
        else:
            word = self.decision_word(True, case)
            if lang not in ("ru", "de"):
                word = _decap(word)  # "les décisions MC.DEC/…"; German nouns keep capitals
            core = f"{word} {_join(syms, self.g['and'], lang)}"
        plural = len(cited) > 1
        if lang == "en":
            return (f"{prep} " if prep else "") + core
        if lang == "ru":
            return core
        if lang == "de":
            return _art_de("pl" if plural else "m", "acc") + core
        art = {"fr": _art_fr, "es": _art_es, "it": _art_it}[lang]
        return art("fp" if plural else "f", core, prep) + core

    # --- preamble ----------------------------------------------------------------------

    def opening(self, p: _Pre) -> str:
        """The printed preambular formula, modifier included (gold ``opening``)."""
        lang = self.lang
        opener = self.v.openers[p.opener]
        label = self.label(opener)
        if p.modifier is None:
            return label
        mod = self.v.modifiers[p.modifier]
        mod_label = mod.labels[lang][0]
        if p.modifier == "deeply":
            infix = [lab for lab in opener.labels[lang] if mod_label.casefold() in lab.casefold()]
            if lang == "ru" and infix:
                return infix[0]
            if lang in ("ru", "de"):
                return f"{mod_label.lower()} {label}"
            return f"{_cap(mod_label)} {_decap(label)}"
        pos = self.g["mod_pre"]
        if pos == "ru":
            mod_label = self.v.modifiers["also"].labels[lang][0]
            infix = [
                lab
                for lab in opener.labels[lang]
                if re.search(rf"\s{re.escape(mod_label)}\s", lab, re.I)
            ]
            if infix:
                return infix[0]
            if re.search(r"\s\w{1,2}$", label):
                return label  # "памятуя о": no room for the adverb
            return f"{label} {mod_label.lower()}"
        if pos == "before":
            return f"{mod_label.lower()} {label}"
        return f"{label} {mod_label.lower()}"

    def preamble(self, p: _Pre) -> tuple[str, dict[str, Any]]:
        lang, g = self.lang, self.g
        opening = self.opening(p)
        gold: dict[str, Any] = {
            "opening": opening,
            "relation": self.v.relation_of.get(p.opener, "other"),
            "cites": [],
        }
        if p.kind == "clause":
            link = g["clause_openers"][p.opener]
            clause = self.c["clause"][p.clause] + self.mark(p.note)
            if lang == "fr" and link.endswith("que"):
                text = opening + link[:-3] + _elide("fr", "que", clause) + clause
            else:
                text = f"{opening}{link} {clause}"
            return text + ",", gold
        cited = [self.works[i] for i in p.decisions]
        ids = list(p.instruments)
        gold["cites"] = ids + [c.symbol for c in cited]
        also = self.also_named(ids)
        if also:
            gold["also_named"] = also
        if p.qualifier:
            gold["qualifier"] = "for those who are parties"
        return self.cite_paragraph(opening, p, cited) + ",", gold

    def cite_paragraph(self, opening: str, p: _Pre, cited: list[_Work]) -> str:
        lang, g = self.lang, self.g
        ids = p.instruments
        if lang == "ru":
            case, wrapper, also_prep = g["cite_openers"][p.opener]
            if p.qualifier:
                return f"{opening}, {g['qualifier']} {self.instruments(ids)}"
            decisions = self.decision_list(cited, p, case, "")
            if decisions and ids:
                listed = self.instruments(ids)
                return f"{opening} {decisions}, {g['also']} {also_prep}{wrapper} {listed}"
            if decisions:
                return f"{opening} {decisions}"
            return f"{opening} {wrapper} {self.instruments(ids)}"
        if lang == "de":
            wrapper = g["cite_openers"][p.opener]
            if p.qualifier:
                return f"{opening} {g['qualifier']} {self.instruments(ids)}"
            items = [self.instruments(ids)] if ids else []
            decisions = self.decision_list(cited, p, "acc", "")
            if decisions:
                items.append(decisions)
            lead = f"{opening} {wrapper}".rstrip()
            return f"{lead} {_join(items, g['and'], lang)}"
        prep = g["cite_openers"][p.opener]
        if p.qualifier:
            qprep = g.get("qualifier_prep", "")
            listed = self.instruments(ids, qprep if lang != "en" else "")
            return f"{opening}, {g['qualifier']} {listed}"
        if lang == "en":
            parts = [self.instrument(i) for i in ids]
            decisions = self.decision_list(cited, p, "acc", "")
            if decisions:
                parts.append(decisions)
            lead = f"{opening} {prep}".rstrip()
            return f"{lead} {_join(parts, g['and'], lang)}"
        parts = [self.instrument(i, prep) for i in ids]
        decisions = self.decision_list(cited, p, "acc", prep)
        if decisions:
            parts.append(decisions)
        return f"{opening} {_join(parts, g['and'], lang)}"

    def decision_list(self, cited: list[_Work], p: _Pre, case: str, prep: str) -> str:
        if not cited:
            return ""
        if p.style == "symbol":
            return self.decisions_by_symbol(cited, case, prep)
        refs = [self.decision_by_number(c, case, prep) for c in cited]
        return _join(refs, self.g["and"], self.lang)

    def pc_paragraph(self, p: _Pre) -> tuple[str, dict[str, Any]]:
        opening = self.opening(p)
        cited = [self.works[i] for i in p.decisions]
        gold = {
            "opening": opening,
            "relation": self.v.relation_of.get(p.opener, "other"),
            "cites": [c.symbol for c in cited],
        }
        lang, g = self.lang, self.g
        if lang == "ru":
            case = g["cite_openers"][p.opener][0]
            refs = [self.decision_by_number(c, case, "") for c in cited]
            return f"{opening} {_join(refs, g['and'], lang)},", gold
        if lang == "de":
            wrapper = g["cite_openers"][p.opener]
            refs = [self.decision_by_number(c, "acc", "") for c in cited]
            return f"{opening} {wrapper} ".replace("  ", " ") + _join(
                refs, g["and"], lang
            ) + ",", gold
        prep = g["cite_openers"][p.opener]
        refs = [self.decision_by_number(c, "acc", "" if lang == "en" else prep) for c in cited]
        lead = f"{opening} {prep}".rstrip() if lang == "en" else opening
        return f"{lead} {_join(refs, g['and'], lang)},", gold

    def mark(self, marker: str | None) -> str:
        return f"{_MARK}{marker}" if marker else ""

    # --- operative ---------------------------------------------------------------------

    def verb(self, op: _Op) -> tuple[str, str, str]:
        """(head, tail, gold verb): a German separable verb has the addressees between."""
        lang = self.lang
        concept = self.v.actions[op.action]
        label = self.label(concept)
        if lang == "it" and op.action == "call_upon":
            scoped = concept.props.get("addresseeScopedLabel@it", ())
            if scoped:
                label = scoped[0]
        head, _, tail = label.partition(" ... ")
        gold = label
        if op.modifier and not tail:
            pos, mod = self.g["mod_verb"]
            mod_label = self.v.modifiers[mod].labels[lang][0]
            if pos == "before":
                head = (
                    f"{_cap(mod_label)} {_decap(head)}"
                    if lang not in ("ru", "de")
                    else f"{mod_label.lower()} {head}"
                )
            else:
                head = f"{head} {mod_label.lower()}"
            gold = head
        return head, tail, gold

    def operative(
        self, op: _Op, n: int, last: bool, numbered: bool
    ) -> tuple[list[_Unit], dict[str, Any]]:
        lang, g, c = self.lang, self.g, self.c
        head, tail, gold_verb = self.verb(op)
        gold: dict[str, Any] = {
            "n": n,
            "verb": gold_verb,
            "action": op.action,
            "addressees": list(op.addressees),
            "cites": list(op.instruments),
            "mentions": [],
            "subparagraphs": [],
        }
        also = self.also_named(op.instruments)
        if also:
            gold["also_named"] = also
        end = "." if last else (" ;" if lang == "fr" else ";")
        if op.kind in ("welcome", "support"):
            template = c[op.kind]
            text = template.format(
                np=self.instruments(op.instruments),
                np_de=self.instruments(op.instruments, "de"),
                np_di=self.instruments(op.instruments, "di"),
            )
            return [self.op_unit(text + end, n, numbered)], gold
        frame_slot, link = g["frames"][op.action]
        if lang == "ru":
            addr_slot, addr_prep = frame_slot or "acc", ""
        elif lang == "de":
            addr_slot, addr_prep = "acc", ""
        else:
            addr_slot, addr_prep = "acc", frame_slot
        addr = self.actors(op.addressees, addr_slot, addr_prep) if op.addressees else ""
        core = self.complement(op)
        extras = self.extras(op, gold)
        if lang == "de":
            verb = " ".join(x for x in (head, addr, tail) if x)
            body = f"{verb}, {extras + ' ' if extras else ''}{core}"
        else:
            verb = " ".join(x for x in (head, addr) if x)
            if lang in ("fr", "it") and link:
                linked = _elide(lang, link.strip(), core) + core
            else:
                linked = f"{link}{core}"
            body = f"{verb} {linked}"
            if extras:
                body += f", {extras}"
        if op.kind == "items":
            letters = "абвгд" if lang == "ru" else "abcde"
            units = [self.op_unit(body, n, numbered)]
            for k in range(op.items):
                item = c["items"][k]
                letter = letters[k]
                label = f"({letter})" if lang == "en" else f"{letter})"
                item_end = end if k == op.items - 1 else (" ;" if lang == "fr" else ";")
                units.append(_Unit(f"{label} {item}{item_end}", "para", body=True))
                gold["subparagraphs"].append("abcde"[k])
            return units, gold
        return [self.op_unit(body + end, n, numbered)], gold

    def op_unit(self, text: str, n: int, numbered: bool) -> _Unit:
        return _Unit(f"{n}. {text}" if numbered else text, "para", body=True)

    def complement(self, op: _Op) -> str:
        lang, c = self.lang, self.c
        plural = (
            len(op.addressees) > 1
            or op.addressees[0]
            in (
                "ParticipatingStates",
                "ParticipatingStatesNotYetDone",
                "PartnersForCooperation",
                "ExecutiveStructures",
                "InternationalOrganizations",
            )
            if op.addressees
            else False
        )
        mark = self.mark(op.note)
        if op.kind == "ask":
            return c["ask"][op.content] + mark
        if op.kind == "ratify":
            return c["ratify"].format(np=self.instruments(op.instruments))
        if op.kind == "implement":
            return c["implement"].format(
                np=self.instruments(op.instruments),
                np_de=self.instruments(op.instruments, "de"),
                np_di=self.instruments(op.instruments, "di"),
            )
        if op.kind == "items":
            return str(c["items_lead"])
        if op.kind == "decide":
            return c["decide"][op.content] + mark
        if op.kind == "report":
            pc = {
                "pc": self.actor("PermanentCouncil", "acc"),
                "pc_a": self.actor("PermanentCouncil", "acc", "à" if lang == "fr" else "a"),
                "pc_dat": self.actor("PermanentCouncil", "dat"),
            }
            tpl = c["report"]
            if isinstance(tpl, tuple):
                tpl = tpl[1 if plural else 0]
            return str(tpl.format(**pc))
        tpl = c["mandate"][op.content]
        if isinstance(tpl, tuple):
            tpl = tpl[1 if plural else 0]
        return tpl + mark

    def with_(self, phrase: str, np: str) -> str:
        """Russian "с" becomes "со" before a cluster such as "сп", "ст", "зв"."""
        if self.lang == "ru" and phrase.endswith(" с") and re.match(r"[сСзЗшШжЖ][^аеёиоуыэюя]", np):
            phrase += "о"
        return f"{phrase} {np}"

    def extras(self, op: _Op, gold: dict[str, Any]) -> str:
        """Mentions: "in co-operation with …" and "in co-ordination with …"."""
        lang = self.lang
        slot = "instr" if lang == "ru" else "dat" if lang == "de" else "with"
        parts: list[str] = []
        mentions = [m for m in op.mentions if m != "PermanentCouncil"]
        if op.coord:
            phrase = self.v.part("in-coordination-with", lang)
            parts.append(self.with_(phrase, self.actor(op.coord, slot)))
            gold["in_coordination_with"] = [op.coord]
            gold["mentions"].append(op.coord)
        if mentions:
            parts.append(self.with_(self.g["cooperation"], self.actors(mentions, slot)))
            gold["mentions"].extend(mentions)
        if "PermanentCouncil" in op.mentions:
            gold["mentions"].append("PermanentCouncil")
        return ", ".join(parts)

    # --- the whole document ------------------------------------------------------------

    def render(self) -> _Rendered:
        w, lang, g, v, rng = self.w, self.lang, self.g, self.v, self.rng
        units: list[_Unit] = []
        body = _body_id(w.body)
        city = v.places.get(w.city or "") if w.body == "MC" else None
        if w.letterhead:
            units.append(_Unit(g["org"], blank=0))
            units.append(_Unit(self.label(v.lex.get("actors", body)), blank=0))
            if city is not None:
                units.append(_Unit(f"{v.place(city, lang)} {w.date.year}", blank=0))
            units[-1].blank = 1
        date_line = (
            self.local_date(w.date) if w.local_date and lang != "en" else self.english_date(w.date)
        )
        symbol_line = w.printed_symbol + ("*" if w.reissue else "")
        units.append(_Unit(symbol_line, blank=0))
        units.append(_Unit(date_line, blank=1))
        original = self.v.part("original", "en")
        if lang != "en":
            units.append(_Unit(v.language_name(lang), blank=0))
        units.append(_Unit(f"{original} {v.language_name('en')}", blank=1))
        abbr = v.abbreviations.get((w.body, lang), w.body)
        journal = v.part("journal", lang)
        sign = self.sign()
        agenda_label = v.part("agenda-item", lang)
        if g["agenda"] == "end":
            agenda = f"{agenda_label} {w.agenda}"
        else:
            first, rest = agenda_label.split(" ", 1)
            agenda = f"{first} {w.agenda} {rest}"
        if w.body == "MC":
            assert w.day is not None
            day_ord = _cap(v.ordinal(w.day, lang, g["sel_day_ord"]))
            ord_ = v.ordinal(w.meeting, lang, g["sel_meeting_ord"])
            if lang in ("fr", "ru", "it"):
                ord_ = ord_.lower()
            units.append(
                _Unit(
                    g["day_line"].format(
                        day=day_ord,
                        dayword=v.part("day", lang, g["sel_dayword"]),
                        ord=ord_,
                        meeting=v.part("meeting", lang, g["sel_meetingword"]),
                    ),
                    blank=0,
                )
            )
            jline = g["journal_mc"].format(
                abbr=abbr,
                m=w.meeting,
                journal=journal,
                journal_lower=journal.lower(),
                sign=sign.lower() if lang == "fr" else sign,
                n=w.day,
            )
            gold_journal = f"MC({w.meeting}) Journal No. {w.day}"
        else:
            suffix = "th"
            if w.meeting % 100 not in (11, 12, 13):
                suffix = {1: "st", 2: "nd", 3: "rd"}.get(w.meeting % 10, "th")
            units.append(
                _Unit(
                    g["plenary"].format(
                        n=w.meeting, suffix=suffix, label=v.part("plenary-meeting", lang)
                    ),
                    blank=0,
                )
            )
            jline = g["journal_pc"].format(
                abbr=abbr, journal=journal, sign=sign.lower() if lang == "fr" else sign, n=w.meeting
            )
            gold_journal = f"PC Journal No. {w.meeting}"
        units.append(_Unit(f"{jline}, {agenda}", blank=2))
        heading = v.part("decision-heading", lang)
        units.append(_Unit(f"{heading} {sign}{g['sign_sep']}{w.number}", blank=0))

        head, obj = w.title
        title = (self.c["title_head"][head][0] + " " + self.c["title_obj"][obj]).upper()
        title_lines = _wrap_words(title.split(), rng.randint(48, 72))[:3]
        if len(title_lines) == 3 and len(" ".join(title_lines)) < len(title):
            title_lines = _wrap_words(title.split(), 80)
        title_marks = [n.marker for n in w.notes if n.kind == "corr"]
        for i, line in enumerate(title_lines):
            last = i == len(title_lines) - 1
            text = line + (self.mark(title_marks[0]) if last and title_marks else "")
            units.append(_Unit(text, blank=1 if last else 0))
        enacting = g["enacting"].format(
            body=self.v.actor(body, lang, "nom") or self.label(v.lex.get("actors", body))
        )
        units.append(_Unit(enacting, blank=1, body=True))

        gold_pre: list[dict[str, Any]] = []
        for i, p in enumerate(w.preamble, start=1):
            text, pg = self.pc_paragraph(p) if p.kind == "pc" else self.preamble(p)
            units.append(_Unit(text, "para", body=True))
            gold_pre.append({"n": i, **pg})
        gold_ops: list[dict[str, Any]] = []
        numbered = not w.single
        for i, op in enumerate(w.operative, start=1):
            us, og = self.operative(op, i, i == len(w.operative), numbered)
            units.extend(us)
            gold_ops.append(og)

        notes: list[tuple[str, str]] = []
        for note in w.notes:
            if note.kind == "corr":
                assert note.when is not None
                notes.append(
                    (note.marker, self.c["corr_note"].format(date=self.local_date(note.when)))
                )
            elif note.kind == "reissue":
                notes.append((note.marker, self.c["reissue_note"]))
            else:
                text = self.c["notes"][note.content]
                if "{np}" in text:
                    text = text.format(np=self.instruments([note.instrument or ""]))
                notes.append((note.marker, text))
        attachments, gold_att = self.attachments(symbol_line.rstrip("*"), date_line)
        gold = {
            "symbol": w.symbol,
            "symbol_as_printed": w.printed_symbol,
            "body": body,
            "language": lang,
            "date": w.date.isoformat(),
            "meeting": {
                "number": w.meeting,
                **({"day": w.day} if w.day is not None else {}),
                "journal": gold_journal,
                "agenda_item": w.agenda,
                "city": v.exonym(city) if (city is not None and w.letterhead) else None,
            },
            "title": " ".join(title_lines),
            "preamble": gold_pre,
            "operative": gold_ops,
            "attachments": gold_att,
            "footnotes": [{"marker": m, "text": " ".join(t.split())} for m, t in notes],
        }
        return _Rendered(units, notes, attachments, [symbol_line.rstrip("*"), date_line], gold)

    def attachments(
        self, symbol_line: str, date_line: str
    ) -> tuple[list[list[_Unit]], list[dict[str, Any]]]:
        w, lang, v, rng = self.w, self.lang, self.v, self.rng
        out: list[list[_Unit]] = []
        gold: list[dict[str, Any]] = []
        if w.annex is not None:
            title_idx, points = w.annex
            title = self.c["annex_title"][title_idx].upper()
            units = [
                _Unit(symbol_line, blank=0),
                _Unit(date_line, blank=0),
                _Unit(v.part("annex", lang), blank=1),
            ]
            for line in _wrap_words(title.split(), 64):
                units.append(_Unit(line, blank=0))
            units[-1].blank = 1
            for k in range(points):
                units.append(_Unit(f"{k + 1}. {self.c['annex_points'][k]}", "para"))
            out.append(units)
            gold.append(
                {
                    "kind": "annex",
                    "delegation": None,
                    "original_language": None,
                    "title": " ".join(_wrap_words(title.split(), 64)),
                }
            )
        english_label = rng.random() < 0.6
        for k, delegation in enumerate(w.statements, start=1):
            original = _DELEGATION_LANGUAGE[delegation]
            label = v.part("attachment", "en" if english_label else lang)
            if w.numbered_attachment:
                label += f" {k}"
            units = [_Unit(symbol_line, blank=0), _Unit(date_line, blank=0), _Unit(label, blank=1)]
            orig_label = v.part("original", "en")
            orig_name = v.language_name(original)
            if lang == "ru" and rng.random() < 0.3:
                orig_label = v.part("original", "ru")
                orig_name = v.languages[original].labels["ru"][0].upper()
            if original != lang:
                units.append(_Unit(v.language_name(lang), blank=0))
            units.append(_Unit(f"{orig_label} {orig_name}", blank=1))
            heading = " ".join(
                [
                    v.part("interpretative-statement", lang),
                    v.part("rules-of-procedure", lang),
                    self.g["org_of"],
                ]
            ).upper()
            for line in _wrap_words(heading.split(), rng.randint(56, 66)):
                units.append(_Unit(line, blank=0))
            units[-1].blank = 1
            units.append(_Unit(self.made_by(delegation), blank=1))
            for para in self.c["statement"]:
                units.append(_Unit(para, "para"))
            out.append(units)
            gold.append(
                {
                    "kind": "interpretative_statement",
                    "delegation": v.exonym(v.delegations[delegation]),
                    "original_language": original,
                    "rule": "IV.1(A)6",
                }
            )
        return out, gold

    def made_by(self, delegation: str) -> str:
        lang, v = self.lang, self.v
        phrase = v.part("made-by-delegation", lang)
        c = v.delegations[delegation]
        spec = self.g["delegations"][delegation]
        if lang == "en":
            name = c.labels["en"][0]
            return f"{phrase} {spec + ' ' if spec else ''}{name}:"
        if lang == "ru":
            name = _pick(c.labels["ru"], spec) or c.labels["ru"][0]
            return f"{phrase} {name}:"
        if lang == "de":
            art, rx = spec
            name = _pick(c.labels["de"], rx) or c.labels["de"][0]
            return f"{phrase} {art + ' ' if art else ''}{name}:"
        name = c.labels[lang][0]
        stem, _, prep = phrase.rpartition(" ")
        art = {"fr": _art_fr, "es": _art_es, "it": _art_it}[lang](spec, name, prep)
        colon = " :" if lang == "fr" else ":"
        return f"{stem} {art}{name}{colon}"


# =======================================================================================
# Layout: hard wraps, page breaks, running headers, footnotes, hyphenation
# =======================================================================================


def _wrap_words(words: Sequence[str], width: int) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in words:
        if cur and len(cur) + 1 + len(word.replace(_MARK, "")) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    if cur:
        lines.append(cur)
    return lines


_HYPHENABLE = re.compile(r"[^\W\d_]{9,}")


def _wrap(
    text: str, width: int, rng: random.Random, hyphen_p: float, digit_start_ok: bool
) -> list[str]:
    """Greedy wrap at ``width``; a long word at a line end may be hyphenated; a line
    never starts with a digit when ``digit_start_ok`` is false (a footnote would begin)."""
    words = text.split(" ")
    lines: list[str] = []
    cur: list[str] = []
    length = 0
    i = 0
    while i < len(words):
        word = words[i]
        wlen = len(word.replace(_MARK, ""))
        if cur and length + 1 + wlen > width:
            room = width - length - 2
            if hyphen_p and _HYPHENABLE.fullmatch(word) and room >= 3 and rng.random() < hyphen_p:
                cut = _syllable_cut(word, min(room, len(word) - 3))
                if cut >= 3:
                    cur.append(word[:cut] + "-")
                    lines.append(" ".join(cur))
                    cur, length = [word[cut:]], len(word) - cut
                    i += 1
                    continue
            if not digit_start_ok and word[:1].isdigit() and len(cur) > 1:
                moved = cur.pop()
                lines.append(" ".join(cur))
                cur = [moved, word]
                length = len(moved.replace(_MARK, "")) + 1 + wlen
                i += 1
                continue
            lines.append(" ".join(cur))
            cur, length = [word], wlen
        else:
            cur.append(word)
            length += (1 if len(cur) > 1 else 0) + wlen
        i += 1
    if cur:
        lines.append(" ".join(cur))
    return lines


_PAGE_LINES = 46
_VOWEL_LETTERS = set("aeiouyàâäéèêëîïôöùûüáíóúаеёиоуыэюя")


def _syllable_cut(word: str, limit: int) -> int:
    """A plausible hyphenation point at or before ``limit``: before a consonant that
    starts a syllable (re-for-ce-ment: "V-CV"), else between two consonants ("VC-CV")."""
    low = word.lower()

    def vowel(i: int) -> bool:
        return low[i] in _VOWEL_LETTERS

    top = min(limit, len(word) - 3)
    for k in range(top, 2, -1):
        if vowel(k - 1) and not vowel(k) and vowel(k + 1):
            return k
    for k in range(top, 2, -1):
        if not vowel(k - 1) and not vowel(k) and vowel(k - 2) and vowel(k + 1):
            return k
    return 0


def _safe_break(before: str, after: str) -> bool:
    """Whether a page may fall between two lines of one paragraph so that the cleaner
    rejoins them: an open-ended line of running text, continued by no digit."""
    b = before.replace(_MARK, "").rstrip()
    return (
        len(b) >= 40
        and b[-1:] not in ".;:,!?–—-"
        and not after[:1].isdigit()
        and after[:1] not in '("«„“'
    )


_MARK_RX = re.compile(re.escape(_MARK) + r"(\*|\d{1,2})")


def _marks_in(line: str) -> list[str]:
    return _MARK_RX.findall(line) if _MARK in line else []


def _layout(doc: _Rendered, rng: random.Random, rate: float) -> str:
    """Print a rendered document the way text comes out of an OSCE PDF.

    ``rate`` is the probability of each artefact: the document is hard-wrapped (one line
    per paragraph otherwise), it has page furniture ("- 2 -", the running symbol and date,
    footnote bodies at the foot of each page; otherwise notes follow the last paragraph),
    a page break falls inside a paragraph rather than between two, a long word at a line
    end is hyphenated (a quarter of that rate). At 0 the text is clean."""
    wrapped = rate > 0 and rng.random() < rate
    paged = rate > 0 and rng.random() < rate
    width = rng.randint(80, 95)
    hyphen_p = 0.25 * rate if wrapped else 0.0
    notes = dict(doc.notes)
    out: list[str] = []
    page, fill = 1, 0
    capacity = _PAGE_LINES - rng.randint(0, 6)
    waiting: list[str] = []  # footnote markers printed on this page
    printed: set[str] = set()  # footnote markers whose bodies are out

    def emit_notes(markers: list[str]) -> None:
        if not markers:
            return
        for m in markers:
            out.append("")  # each note is its own text box: a blank line before it
            body = f"{m} {notes[m]}"
            lines = _wrap(body, width, rng, 0.0, False) if wrapped else [body]
            out.extend(lines)
            printed.add(m)

    def page_break() -> None:
        nonlocal page, fill, capacity
        emit_notes(waiting)
        waiting.clear()
        page += 1
        out.append("")
        combined = rng.random() < 0.1
        if combined:
            out.append(f"- {page} - {doc.running[0]}")
            out.append(doc.running[1])
        else:
            out.append(f"- {page} -")
            if rng.random() < 0.8:
                out.append("")
                out.extend(doc.running)
        out.append("")
        fill, capacity = 0, _PAGE_LINES - rng.randint(0, 6)

    def add(line: str) -> None:
        nonlocal fill
        out.append(line)
        waiting.extend(m for m in _marks_in(line) if m in notes and m not in waiting)
        fill += 1 if wrapped else max(1, math.ceil(len(line) / 100))

    for unit in doc.units:
        if unit.kind == "para" and wrapped:
            lines = _wrap(unit.text, width, rng, hyphen_p, True)
        else:
            lines = [unit.text]
        if paged and unit.body and fill + len(lines) > capacity:
            split = _split_point(lines, capacity - fill, unit, wrapped, rng, rate, width)
            if split is not None:
                first, rest = split
                for line in first:
                    add(line)
                page_break()
                lines = rest
            elif fill > 0:
                page_break()
        for line in lines:
            add(line)
        for _ in range(unit.blank):
            out.append("")
            fill += 1
    emit_notes([m for m, _ in doc.notes if m not in printed])
    for att in doc.attachments:
        while out and out[-1] == "":
            out.pop()
        out.extend(["", "", ""])
        for unit in att:
            lines = (
                _wrap(unit.text, width, rng, hyphen_p, True)
                if unit.kind == "para" and wrapped
                else [unit.text]
            )
            out.extend(lines)
            out.extend([""] * unit.blank)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(line.replace(_MARK, "") for line in out) + "\n"


def _split_point(
    lines: list[str],
    room: int,
    unit: _Unit,
    wrapped: bool,
    rng: random.Random,
    rate: float,
    width: int,
) -> tuple[list[str], list[str]] | None:
    """Where a page breaks inside a paragraph, if it does."""
    if unit.kind != "para" or rng.random() >= rate:
        return None
    if wrapped:
        for k in range(min(max(room, 1), len(lines) - 1), 0, -1):
            if _safe_break(lines[k - 1], lines[k]):
                return lines[:k], lines[k:]
        return None
    text = lines[0]
    if len(text) < 140:
        return None
    words = text.split(" ")
    target = rng.randint(int(len(words) * 0.3), int(len(words) * 0.7))
    for k in (*range(target, len(words) - 2), *range(target - 1, 3, -1)):
        before, after = " ".join(words[:k]), " ".join(words[k:])
        if _safe_break(before, after):
            nxt = words[k]
            cut = (
                _syllable_cut(nxt, rng.randint(3, len(nxt) - 3))
                if _HYPHENABLE.fullmatch(nxt)
                else 0
            )
            if cut >= 3 and rng.random() < 0.3 * rate:
                return [f"{before} {nxt[:cut]}-"], [" ".join([nxt[cut:], *words[k + 1 :]])]
            return [before], [after]
    return None


# =======================================================================================
# Public API
# =======================================================================================


@dataclass(frozen=True, slots=True)
class SynthDoc:
    """One generated document: its file stem, its text and its gold record."""

    name: str
    text: str
    gold: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SynthSummary:
    """What :func:`write_corpus` wrote."""

    out: Path
    documents: int
    works: int
    languages: tuple[str, ...]
    seed: int
    artefact_rate: float
    seconds: float


class SynthError(CommitgraphError):
    """The corpus cannot be generated as asked (bad languages, a non-empty folder)."""

    exit_code = 2


def _check(n: int, langs: Iterable[str], rate: float) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(lang.strip() for lang in langs if lang.strip()))
    if codes and n / len(codes) > _MAX_WORKS:
        raise SynthError(
            f"at most {_MAX_WORKS} works fit the synthetic calendar "
            f"({_MAX_WORKS * len(codes)} documents in {len(codes)} languages)"
        )
    unknown = [c for c in codes if c not in LANGUAGES]
    if unknown or not codes:
        raise SynthError(
            f"languages must be among {', '.join(LANGUAGES)} (got {', '.join(codes) or 'none'})"
        )
    if n < 1:
        raise SynthError("the number of documents must be at least 1")
    if not 0.0 <= rate <= 1.0:
        raise SynthError("the artefact rate must be between 0 and 1")
    return codes


@cache
def _cached_plan(n_works: int, seed: int, langs: tuple[str, ...]) -> tuple[_Work, ...]:
    return tuple(_plan(n_works, seed, langs))


def _render_doc(w: _Work, works: Sequence[_Work], lang: str, seed: int, rate: float) -> SynthDoc:
    rng = random.Random(f"commitgraph-synth:{seed}:{w.index}:{lang}")
    doc = _Render(w, works, lang, rng).render()
    text = _layout(doc, rng, rate)
    gold = doc.gold
    gold["notes"] = [
        f"Synthetic decision written by commitgraph synth (seed {seed}, artefact rate {rate:g}); "
        "not the text of a real OSCE decision. The record is computed from the plan the text "
        "was rendered from."
    ]
    return SynthDoc(w.stem(lang), text, gold)


def generate(
    n: int,
    seed: int = 0,
    *,
    artefact_rate: float = 0.3,
    langs: Iterable[str] = LANGUAGES,
) -> Iterator[SynthDoc]:
    """Yield ``n`` documents: work after work, each in every language of ``langs``.

    The same arguments always yield the same texts and records."""
    codes = _check(n, langs, artefact_rate)
    works = _cached_plan(math.ceil(n / len(codes)), seed, codes)
    count = 0
    for w in works:
        for lang in codes:
            if count >= n:
                return
            yield _render_doc(w, works, lang, seed, artefact_rate)
            count += 1


def _doc_range(start: int, stop: int, n: int, codes: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    for k in range(start, min(stop, n)):
        yield k // len(codes), codes[k % len(codes)]


def _write_range(
    out: str, n: int, seed: int, rate: float, codes: tuple[str, ...], start: int, stop: int
) -> int:
    """Render and write documents start..stop-1 (a worker process's share)."""
    works = _cached_plan(math.ceil(n / len(codes)), seed, codes)
    dec, gold = Path(out) / "decisions", Path(out) / "gold"
    written = 0
    for wi, lang in _doc_range(start, stop, n, codes):
        doc = _render_doc(works[wi], works, lang, seed, rate)
        with open(dec / f"{doc.name}.txt", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(doc.text)
        with open(gold / f"{doc.name}.json", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(json.dumps(doc.gold, ensure_ascii=False, indent=2) + "\n")
        written += 1
    return written


def write_corpus(
    out: Path | str,
    n: int,
    seed: int = 0,
    *,
    artefact_rate: float = 0.3,
    langs: Iterable[str] = LANGUAGES,
    jobs: int | None = None,
    overwrite: bool = False,
) -> SynthSummary:
    """Write ``n`` documents to ``out/decisions/<stem>.txt`` and their gold records to
    ``out/gold/<stem>.json``, plus ``out/synth.json`` describing the corpus.

    Large corpora are rendered by ``jobs`` worker processes (default: one per CPU for
    2,000 documents or more); the files do not depend on how the work was shared."""
    t0 = time.perf_counter()
    codes = _check(n, langs, artefact_rate)
    root = Path(out)
    dec, gold = root / "decisions", root / "gold"
    for folder in (dec, gold):
        if folder.exists() and any(folder.iterdir()):
            if not overwrite:
                raise SynthError(f"{folder} is not empty (pass --overwrite to replace it)")
            shutil.rmtree(folder)
        folder.mkdir(parents=True, exist_ok=True)
    works = _cached_plan(math.ceil(n / len(codes)), seed, codes)
    if jobs is None:
        jobs = (os.cpu_count() or 1) if n >= 2000 else 1
    jobs = max(1, min(jobs, n))
    if jobs == 1:
        written = _write_range(str(root), n, seed, artefact_rate, codes, 0, n)
    else:
        chunk = math.ceil(n / (jobs * 4))
        bounds = [(s, min(s + chunk, n)) for s in range(0, n, chunk)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [
                pool.submit(_write_range, str(root), n, seed, artefact_rate, codes, s, e)
                for s, e in bounds
            ]
            written = sum(f.result() for f in futures)
    n_works = math.ceil(n / len(codes))
    manifest = {
        "generator": "commitgraph synth",
        "seed": seed,
        "documents": written,
        "works": n_works,
        "languages": list(codes),
        "artefact_rate": artefact_rate,
        "first": works[0].symbol if works else None,
        "last": works[n_works - 1].symbol if works else None,
    }
    (root / "synth.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return SynthSummary(
        root, written, n_works, codes, seed, artefact_rate, time.perf_counter() - t0
    )
