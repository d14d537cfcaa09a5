"""The 24 European Reference Networks, coded by the short name each network uses itself.

Names follow the European Commission's list of networks
(https://health.ec.europa.eu/european-reference-networks/overview_en) and, where that list was
not at hand, the Commission's 2016 approval list or the network's own site; docs/directory.md
gives the source of each.
"""

from __future__ import annotations

from typing import NamedTuple


class Ern(NamedTuple):
    """A network's code (its own short name) and full name."""

    code: str
    name: str


NETWORKS: tuple[Ern, ...] = (
    Ern("Endo-ERN", "European Reference Network on rare endocrine conditions"),
    Ern("ERKNet", "European Reference Network on rare kidney diseases"),
    Ern("BOND", "European Reference Network on rare bone disorders"),
    Ern("CRANIO", "European Reference Network on rare craniofacial anomalies and ear, nose and "
                  "throat (ENT) disorders"),
    Ern("EpiCARE", "European Reference Network on rare and complex epilepsies"),
    Ern("EURACAN", "European Reference Network on rare adult solid cancers"),
    Ern("EuroBloodNet", "European Reference Network on rare haematological diseases"),
    Ern("eUROGEN", "European Reference Network on rare urogenital diseases and complex "
                   "conditions"),
    Ern("EURO-NMD", "European Reference Network on rare neuromuscular diseases"),
    Ern("EYE", "European Reference Network on rare eye diseases"),
    Ern("GENTURIS", "European Reference Network on genetic tumour risk syndromes"),
    Ern("GUARD-HEART", "European Reference Network on uncommon and rare diseases of the heart"),
    Ern("ITHACA", "European Reference Network on rare congenital malformations and rare "
                  "intellectual disability"),
    Ern("LUNG", "European Reference Network on rare respiratory diseases"),
    Ern("PaedCan", "European Reference Network on paediatric cancer (haemato-oncology)"),
    Ern("RARE-LIVER", "European Reference Network on rare hepatological diseases"),
    Ern("ReCONNET", "European Reference Network on rare and complex connective tissue and "
                    "musculoskeletal diseases"),
    Ern("RITA", "European Reference Network on rare immunodeficiency, autoinflammatory and "
                "autoimmune diseases"),
    Ern("RND", "European Reference Network on rare neurological diseases"),
    Ern("Skin", "European Reference Network on rare and undiagnosed skin disorders"),
    Ern("TransplantChild", "European Reference Network on transplantation in children"),
    Ern("VASCERN", "European Reference Network on rare multisystemic vascular diseases"),
    Ern("MetabERN", "European Reference Network for rare hereditary metabolic disorders"),
    Ern("ERNICA", "European Reference Network on rare inherited and congenital (digestive and "
                  "gastrointestinal) anomalies"),
)
