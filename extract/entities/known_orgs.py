"""A small gazetteer of well-known organisations in Danish public administration.

General knowledge, not taken from any minutes: the national municipal bodies, IT
suppliers and consultancies that Danish municipalities commonly work with, national
agencies and universities. Each entry is ``canonical: (aliases...)``; aliases are
matched case-sensitively as whole tokens (plus the genitive forms the matcher adds).
Anything not listed is found by the generic rules in :mod:`extract.entities.orgs`.
"""

from __future__ import annotations

__all__ = ["KNOWN_ORGANISATIONS"]

KNOWN_ORGANISATIONS: dict[str, tuple[str, ...]] = {
    # national municipal and regional bodies
    "KL": ("KL", "Kommunernes Landsforening"),
    "KOMBIT": ("KOMBIT", "Kombit"),
    "Danske Regioner": ("Danske Regioner",),
    "Region Hovedstaden": ("Region Hovedstaden",),
    "Region Sjælland": ("Region Sjælland",),
    "Region Syddanmark": ("Region Syddanmark",),
    "Region Midtjylland": ("Region Midtjylland",),
    "Region Nordjylland": ("Region Nordjylland",),
    "Udbetaling Danmark": ("Udbetaling Danmark",),
    "Danmarks Statistik": ("Danmarks Statistik",),
    "Rigsrevisionen": ("Rigsrevisionen",),
    "Folketinget": ("Folketinget",),
    "Regeringen": ("Regeringen",),
    "Ankestyrelsen": ("Ankestyrelsen",),
    "Arbejdstilsynet": ("Arbejdstilsynet",),
    "Movia": ("Movia",),
    "HOFOR": ("HOFOR",),
    "Vejdirektoratet": ("Vejdirektoratet",),
    "Banedanmark": ("Banedanmark",),
    "DR": ("DR",),
    "EU": ("EU", "Europa-Kommissionen"),
    # IT suppliers
    "KMD": ("KMD",),
    "Netcompany": ("Netcompany",),
    "Systematic": ("Systematic",),
    "Fujitsu": ("Fujitsu",),
    "Atea": ("Atea",),
    "IBM": ("IBM",),
    "Microsoft": ("Microsoft",),
    "Apple": ("Apple",),
    "Google": ("Google",),
    "Schultz": ("Schultz",),
    "Formpipe": ("Formpipe",),
    "Visma": ("Visma",),
    "EG": ("EG",),
    "Miracle": ("Miracle",),
    "Trifork": ("Trifork",),
    # consultancies and engineering firms
    "COWI": ("COWI",),
    "Rambøll": ("Rambøll",),
    "NIRAS": ("NIRAS",),
    "Sweco": ("Sweco",),
    "Deloitte": ("Deloitte",),
    "PwC": ("PwC", "PWC"),
    "EY": ("EY",),
    "KPMG": ("KPMG",),
    "BDO": ("BDO",),
    "Accenture": ("Accenture",),
    "McKinsey": ("McKinsey",),
    "Boston Consulting Group": ("Boston Consulting Group", "BCG"),
    "Implement": ("Implement", "Implement Consulting Group"),
    "Capgemini": ("Capgemini",),
    "Epinion": ("Epinion",),
    "Moos-Bjerre": ("Moos-Bjerre",),
    "VIVE": ("VIVE",),
    "KORA": ("KORA",),
    # universities
    "Københavns Universitet": ("Københavns Universitet", "KU"),
    "Aarhus Universitet": ("Aarhus Universitet",),
    "Aalborg Universitet": ("Aalborg Universitet", "AAU"),
    "Syddansk Universitet": ("Syddansk Universitet", "SDU"),
    "Roskilde Universitet": ("Roskilde Universitet", "RUC"),
    "DTU": ("DTU", "Danmarks Tekniske Universitet"),
    "CBS": ("CBS", "Copenhagen Business School"),
    "ITU": ("ITU", "IT-Universitetet"),
    "Harvard": ("Harvard", "Harvard University"),
    "Stanford": ("Stanford",),
    "MIT": ("MIT",),
    "Oxford": ("Oxford",),
    "Cambridge": ("Cambridge",),
}
