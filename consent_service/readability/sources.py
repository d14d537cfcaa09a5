"""Where each readability formula and threshold comes from: one citation per constant."""

from __future__ import annotations

FLESCH_1948 = (
    "Flesch R. A new readability yardstick. J Appl Psychol. 1948;32(3):221-233. "
    "doi:10.1037/h0057532 (60-70 = 'standard', plain English)"
)
KINCAID_1975 = (
    "Kincaid JP, Fishburne RP Jr, Rogers RL, Chissom BS. Derivation of new readability "
    "formulas (Automated Readability Index, Fog Count and Flesch Reading Ease Formula) for "
    "Navy enlisted personnel. Research Branch Report 8-75. Millington, TN: Naval Technical "
    "Training Command; 1975"
)
AMSTAD_1978 = (
    "Amstad T. Wie verständlich sind unsere Zeitungen? Dissertation, Universität Zürich; "
    "1978 (180 - ASL - 58.5 ASW; Flesch's bands: 60-70 = 'mittel', readable at 13 to 15)"
)
BAMBERGER_1984 = (
    "Bamberger R, Vanecek E. Lesen - Verstehen - Lernen - Schreiben. Die Schwierigkeitsstufen "
    "von Texten in deutscher Sprache. Wien: Jugend und Volk; 1984 (first Wiener "
    "Sachtextformel: school grade 4 to 15; grade 8 = end of lower secondary school)"
)
SZIGRISZT_1993 = (
    "Szigriszt Pazos F. Sistemas predictivos de legibilidad del mensaje escrito: fórmula de "
    "perspicuidad. Tesis doctoral, Universidad Complutense de Madrid; 1993. Threshold: "
    "Barrio-Cantalejo IM, Simón-Lorda P, Melguizo M, et al. Validación de la Escala INFLESZ "
    "para evaluar la legibilidad de los textos dirigidos a pacientes. An Sist Sanit Navar. "
    "2008;31(2):135-152 (55-65 = 'normal'; below 55 'algo difícil')"
)
GULPEASE_1988 = (
    "Lucisano P, Piemontese ME. GULPEASE: una formula per la predizione della difficoltà dei "
    "testi in lingua italiana. Scuola e città. 1988;39(3):110-124 (below 60 = hard for "
    "readers with lower-secondary schooling; letters, not characters)"
)
KANDEL_MOLES_1958 = (
    "Kandel L, Moles A. Application de l'indice de Flesch à la langue française. Cahiers "
    "Études de Radio-Télévision. 1958;19:253-274 (207 - 1.015 ASL - 73.6 ASW; Flesch's "
    "bands: 60-70 = 'standard')"
)
DOUMA_1960 = (
    "Douma WH. De leesbaarheid van landbouwbladen: een onderzoek naar en een toepassing van "
    "leesbaarheidsformules. Bulletin 17. Wageningen: Landbouwhogeschool, Afdeling Sociologie "
    "en Sociografie; 1960 (206.835 - 0.93 ASL - 77 ASW; Flesch's bands)"
)
MARTINS_1996 = (
    "Martins TBF, Ghiraldelo CM, Nunes MGV, Oliveira ON Jr. Readability formulas applied to "
    "textbooks in Brazilian Portuguese. Notas do ICMSC-USP, Série Computação 28. São Carlos: "
    "ICMSC-USP; 1996 (248.835 - 1.015 ASL - 84.6 ASW; 50-75 = 'fácil', 5th to 8th grade; "
    "25-50 = 'difícil', secondary school)"
)
BJORNSSON_1968 = (
    "Björnsson CH. Läsbarhet. Stockholm: Liber; 1968 (LIX = ASL + % words over 6 letters; "
    "30-40 = easy, e.g. popular fiction; 40-50 = medium, e.g. newspapers); used across "
    "languages in Björnsson CH. Readability of newspapers in 11 languages. Read Res Q. "
    "1983;18(4):480-497"
)
FOG_PL = (
    "Gunning R. The Technique of Clear Writing. New York: McGraw-Hill; 1952, adapted for "
    "Polish with hard words of 4+ syllables (FOG-PL, Pracownia Prostej Polszczyzny, "
    "Uniwersytet Wrocławski): Piekot T, Maziarz M. Styl 'plain language' i przystępność "
    "języka publicznego jako nowy kierunek w polskiej polityce językowej. Język a Kultura. "
    "2014;24:307-324 (9 = years of schooling to the end of lower secondary school)"
)
MISTRIK_1968 = (
    "Mistrík J. Meranie zrozumiteľnosti prehovoru. Slovenská reč. 1968;33(3):171-178 "
    "(R = 50 - S·V·L/N on a 0-50 scale, higher is easier: 40-50 easy, 30-39 medium and "
    "read fluently, 20-29 expository, 10-19 hard, below 10 barely comprehensible)"
)
BRANGAN_2015 = (
    "Brangan S. Development of SMOG-Cro readability formula for healthcare communication and "
    "patient education. Coll Antropol. 2015;39(1):11-20 (SMOG-Cro = 2 + √(words of 4+ "
    "syllables in 30 sentences), years of schooling; 8 = end of Croatian compulsory primary "
    "school, the grade-8 target used for English and German)"
)
WIIO_1968 = (
    "Wiio OA. Ymmärretäänkö sanomasi? 1968; the simplest of Wiio's formulas as given in Wiio "
    "OA. Viestinnän perusteet. 5th rev. ed. Espoo: Weilin + Göös; 1989, cited by Haataja J. "
    "(diploma thesis, Helsinki University of Technology) and by Korpela JK. Tekstin "
    "luettavuuden mittaus. Voikko mailing list, 20 Feb 2011: grade = 2.7 + 0.3 × PS, PS = "
    "words per hundred whose base form has 4 or more syllables, a school grade from 1 to 12; "
    "implemented so in Voikko's voikko-readability (Pitkänen H, 2011). 8 is the grade-8 "
    "target used for English, German and Croatian"
)
CUTTS_2020 = (
    "Cutts M. Oxford Guide to Plain English. 5th ed. Oxford University Press; 2020 "
    "(guideline: an average sentence length of 15 to 20 words; the fallback takes 15)"
)
LONG_WORDS_FALLBACK = (
    "Derived from Björnsson CH. Läsbarhet. Stockholm: Liber; 1968: LIX = ASL + % long words, "
    "so LIX ≤ 40 with the longest allowed average sentence (15 words) leaves 25 % long "
    "words; capping the share at 25 % keeps text that is cut into very short sentences or "
    "list items from passing LIX on a wall of long words"
)
