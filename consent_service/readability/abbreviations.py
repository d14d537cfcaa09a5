"""Abbreviations per language whose full stops never end a sentence.

Only abbreviations written with a full stop matter (Polish "dr" or Swedish "ca" cannot split a
sentence). Matching ignores case and spacing ("t. j." and "t.j."). Abbreviations that are also
ordinary sentence-final words are protected only when a number follows ("čl. 9", "nr. 3").
The shared lists in normalise.py apply to every language as well. An "and so on" abbreviation
(MAY_END_SENTENCE) often closes a sentence, so it ends one when a capital letter follows.
"""

from __future__ import annotations

ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "bg": ("напр.", "т.е.", "т. нар.", "и т.н.", "и др.", "вж.", "проф.", "гр.", "ул."),
    "cs": (
        "např.",
        "tzv.",
        "tj.",
        "tzn.",
        "atd.",
        "apod.",
        "resp.",
        "popř.",
        "mj.",
        "př.",
        "MUDr.",
        "prof.",
    ),
    "da": ("f.eks.", "bl.a.", "dvs.", "osv.", "mv.", "m.v.", "jf.", "evt.", "inkl."),
    "de": ("z. T.", "u. U.", "s. o.", "s. u.", "o. Ä.", "bzgl.", "Tel.", "Hr.", "Abb."),
    "el": ("π.χ.", "δηλ.", "κ.λπ.", "κ.ά.", "βλ.", "Δρ.", "καθ."),
    "es": ("p. ej.", "Sr.", "Sra.", "Dra.", "Ud.", "Uds.", "aprox."),
    "et": ("nt.", "näit.", "jne.", "vt.", "s.t.", "k.a.", "dr."),
    "fi": ("esim.", "mm.", "ns.", "jne.", "yms.", "ym.", "ts.", "tms.", "ks.", "vrt.", "nk."),
    "fr": ("p. ex.", "par ex.", "c.-à-d.", "env.", "Pr.", "Mme."),
    "ga": ("m.sh.", "srl."),
    "hr": ("npr.", "tj.", "tzv.", "itd.", "i sl.", "odn.", "dr.", "prof."),
    "hu": ("pl.", "stb.", "ill.", "kb.", "ún.", "vö.", "ld.", "ti.", "dr."),
    "it": ("ecc.", "ad es.", "es.", "sig.", "sig.ra", "dott.", "dott.ssa", "prof."),
    "lt": ("pvz.", "t. y.", "ir kt.", "ir pan.", "t. t.", "žr.", "dr.", "prof."),
    "lv": ("piem.", "utt.", "u.c.", "t.i.", "t.s.", "sk.", "dr.", "prof."),
    "mt": ("eż.", "eċċ."),
    "nl": ("bijv.", "bv.", "o.a.", "d.w.z.", "m.b.t.", "i.p.v.", "t.a.v.", "enz.", "dhr.", "mevr."),
    "pl": ("np.", "tzw.", "tj.", "tzn.", "itd.", "itp.", "m.in.", "ok.", "zob.", "prof.", "ul."),
    "pt": ("p. ex.", "Sr.", "Sra.", "Dra.", "aprox."),
    "ro": ("de ex.", "ex.", "dl.", "dna.", "dr.", "aprox."),
    "sk": ("napr.", "tzv.", "t. j.", "tzn.", "atď.", "a pod.", "resp.", "popr.", "MUDr.", "prof."),
    "sl": ("npr.", "t. i.", "tj.", "itd.", "ipd.", "oz.", "dr.", "prof."),
    "sv": ("t.ex.", "bl.a.", "dvs.", "m.m.", "osv.", "o.s.v.", "s.k.", "jfr.", "resp."),
    "uk": ("напр.", "т. зв.", "т. ч.", "і т. д.", "і т. ін.", "див.", "проф.", "вул."),
}

NUMBERED_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "bg": ("чл.", "ал.", "т."),
    "cs": ("č.", "čl.", "odst."),
    "da": ("nr.", "pkt.", "stk."),
    "el": ("αρ.", "άρθ.", "παρ."),
    "es": ("núm.", "pág.", "art."),
    "et": ("nr.", "lg."),
    "ga": ("Uimh.", "Alt.", "lch."),
    "hr": ("br.", "čl.", "st."),
    "hu": ("sz.", "bek."),
    "it": ("n.", "pag.", "art."),
    "lt": ("nr.", "str.", "p."),
    "lv": ("nr.", "p."),
    "mt": ("Nru.",),
    "nl": ("nr.", "art."),
    "pl": ("art.", "ust."),
    "pt": ("n.", "pág.", "art."),
    "ro": ("nr.", "art.", "alin.", "pct."),
    "sk": ("č.", "čl.", "ods."),
    "sl": ("št.", "čl."),
    "sv": ("nr.",),
    "uk": ("ст.", "ч.", "п."),
}

# "And so on", "and others": these close a sentence as often as not.
MAY_END_SENTENCE = frozenset(
    (
        "etc.",
        "usw.",
        "u. a.",
        "ecc.",
        "enz.",
        "itd.",
        "itp.",
        "atd.",
        "apod.",
        "atď.",
        "a pod.",
        "i sl.",
        "ipd.",
        "stb.",
        "jne.",
        "yms.",
        "ym.",
        "tms.",
        "osv.",
        "o.s.v.",
        "m.m.",
        "mv.",
        "m.v.",
        "utt.",
        "u.c.",
        "ir kt.",
        "ir pan.",
        "t. t.",
        "и т.н.",
        "и др.",
        "і т. д.",
        "і т. ін.",
        "κ.λπ.",
        "κ.ά.",
        "srl.",
        "eċċ.",
    )
)
