"""The vocabulary files: ontology/kg-uitvoering.ttl and shapes/kg-uitvoering-shapes.ttl.

Checks that both parse; that every kgu: term is documented in Dutch and English; that
the shapes only use declared kgu: terms and carry Dutch and English messages and an
explicit severity; that every shape fires, with its severity, on a small graph that
breaks it (the table ``VIOLATIONS``); and that one complete hand-written letter graph
(``CONFORMING``) validates without a single result.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg_uitvoering.pipeline import extract_file
from kg_uitvoering.rdf import Iris, letter_graph
from kg_uitvoering.validate import Finding, findings, pyshacl_findings

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_FILE = ROOT / "ontology" / "kg-uitvoering.ttl"
SHAPES_FILE = ROOT / "shapes" / "kg-uitvoering-shapes.ttl"

KGU = Namespace("https://w3id.org/kg-uitvoering/def#")
KGUSH = Namespace("https://w3id.org/kg-uitvoering/shapes#")
ONTOLOGY_IRI = URIRef("https://w3id.org/kg-uitvoering/def")
DCTERMS = Namespace("http://purl.org/dc/terms/")
VANN = Namespace("http://purl.org/vocab/vann/")

VIOLATION = SH.Violation
WARNING = SH.Warning

# Constraint parameters of SHACL Core (sh:property excluded: a node shape that only
# groups property shapes reports nothing itself).
CONSTRAINT_PARAMETERS = {
    SH[name] for name in (
        "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive",
        "minInclusive", "maxExclusive", "maxInclusive", "minLength", "maxLength", "pattern",
        "languageIn", "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals",
        "not", "and", "or", "xone", "node", "qualifiedValueShape", "closed", "hasValue",
        "in", "sparql",
    )
}

PREFIXES = """\
@prefix ex:      <https://example.org/kg/> .
@prefix kgu:     <https://w3id.org/kg-uitvoering/def#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix eli:     <http://data.europa.eu/eli/ontology#> .
@prefix oa:      <http://www.w3.org/ns/oa#> .
@prefix cito:    <http://purl.org/spar/cito/> .
@prefix schema:  <https://schema.org/> .
"""

# One letter as the RDF mapping is meant to write it: one signature, citation, mention,
# dilemma, commitment and other reference, each derived from a passage whose offsets
# point into kgu:letterText (code points, end exclusive).
CONFORMING = PREFIXES + r'''
ex:letter a kgu:Letter , kgu:Kamerstuk ;
    kgu:dossierNumber "29362" ;
    kgu:ondernummer "318" ;
    eli:is_part_of ex:dossier-29362 ;
    eli:date_document "2022-12-22"^^xsd:date ;
    dcterms:title "Standen van de Uitvoering" ;
    kgu:vergaderjaar "2022-2023" ;
    kgu:documentNumber "2022D56402" ;
    kgu:zaak ex:zaak-2022Z26159 ;
    kgu:addressedTo ex:tweede-kamer ;
    kgu:senderPost ex:post-staatssecretaris-bzk ;
    kgu:hasSignature ex:letter-signature-1 ;
    dcterms:creator ex:ac-van-huffelen ;
    eli:cites ex:kamerstuk-29362-290 ;
    kgu:mentions ex:uwv ;
    kgu:raisesDilemma ex:letter-dilemma-1 ;
    kgu:hasCommitment ex:letter-commitment-1 ;
    kgu:hasOtherReference ex:letter-reference-1 ;
    rdfs:seeAlso <https://zoek.officielebekendmakingen.nl/kst-29362-318> ;
    kgu:conversion ex:letter-conversion ;
    kgu:letterText """Den Haag, 22 december 2022
Betreft Standen van de Uitvoering

Hierbij bied ik u de Standen van de Uitvoering aan, zoals toegezegd in mijn brief
van 1 juli (Kamerstuk 29 362, nr. 290). Het Uitvoeringsinstituut
Werknemersverzekeringen (UWV) werkte mee.

Dilemma 1 – Focus: goed en duurzaam

Ik zal uw Kamer voor de zomer van 2023 informeren over de voortgang. Zie ook
Handelingen II 2021/22, nr. 12.

De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties,

A.C. van Huffelen""" .

ex:dossier-29362 a kgu:Dossier ;
    kgu:dossierNumber "29362" ;
    dcterms:title "Modernisering van de overheid" .

ex:zaak-2022Z26159 a kgu:Zaak ; kgu:zaakNumber "2022Z26159" .

ex:tweede-kamer a org:Organization ;
    skos:prefLabel "Tweede Kamer der Staten-Generaal" ; skos:altLabel "Tweede Kamer" ;
    kgu:organisationKind "parlement" .

# Signing
ex:letter-signature-1 a kgu:Signature ;
    kgu:position 1 ;
    kgu:signer ex:ac-van-huffelen ;
    kgu:post ex:post-staatssecretaris-bzk ;
    prov:wasDerivedFrom ex:letter-passage-467-484 .

ex:ac-van-huffelen a foaf:Person ; foaf:name "A.C. van Huffelen" .

ex:post-staatssecretaris-bzk a org:Post ;
    org:role kgu:Staatssecretaris ;
    kgu:portfolio "Binnenlandse Zaken en Koninkrijksrelaties" ;
    org:postIn ex:ministerie-bzk .

kgu:Staatssecretaris a skos:Concept , org:Role .

ex:ministerie-bzk a org:Organization ;
    skos:prefLabel "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties" ;
    skos:altLabel "BZK" ;
    kgu:organisationKind "ministerie" ;
    owl:sameAs <https://identifier.overheid.nl/tooi/id/ministerie/mnre1034> .

# Citation
ex:kamerstuk-29362-290 a kgu:Kamerstuk ;
    kgu:dossierNumber "29362" ; kgu:ondernummer "290" ;
    eli:is_part_of ex:dossier-29362 .

ex:letter-citation-1 a kgu:Citation ;
    cito:hasCitingEntity ex:letter ;
    cito:hasCitedEntity ex:kamerstuk-29362-290 ;
    prov:wasDerivedFrom ex:letter-passage-156-181 .

# Mention
ex:uwv a org:Organization ;
    skos:prefLabel "Uitvoeringsinstituut Werknemersverzekeringen" ; skos:altLabel "UWV" ;
    kgu:organisationKind "zbo" .

ex:letter-mention-uwv a kgu:Mention ;
    kgu:mentionIn ex:letter ; kgu:mentionOf ex:uwv ;
    prov:wasDerivedFrom ex:letter-passage-188-238 .

# Dilemma
ex:letter-dilemma-1 a kgu:Dilemma ;
    kgu:number 1 ;
    skos:prefLabel "Focus: goed en duurzaam" ;
    prov:wasDerivedFrom ex:letter-passage-252-287 .

# Commitment
ex:letter-commitment-1 a kgu:Commitment ;
    kgu:commitmentKind kgu:NewCommitment ;
    kgu:text "Ik zal uw Kamer voor de zomer van 2023 informeren" ;
    kgu:dueText "voor de zomer van 2023" ;
    kgu:dueEnd "2023-06-30"^^xsd:date ;
    kgu:dueDate "2023-06-30"^^xsd:date ;
    schema:agent ex:post-staatssecretaris-bzk ;
    prov:wasDerivedFrom ex:letter-passage-289-338 .

# Other reference
ex:letter-reference-1 a kgu:OtherReference ;
    kgu:referenceType kgu:HandelingenReference ;
    kgu:text "Handelingen II 2021/22, nr. 12" ;
    prov:wasDerivedFrom ex:letter-passage-366-396 .

# Passages
ex:letter-passage-156-181 a oa:SpecificResource , kgu:Passage ;
    oa:hasSource ex:letter ;
    oa:hasSelector
        [ a oa:TextQuoteSelector ; oa:exact "Kamerstuk 29 362, nr. 290" ;
          oa:prefix "van 1 juli (" ; oa:suffix "). Het Uitvo" ] ,
        [ a oa:TextPositionSelector ;
          oa:start "156"^^xsd:nonNegativeInteger ; oa:end "181"^^xsd:nonNegativeInteger ] .

ex:letter-passage-188-238 a oa:SpecificResource , kgu:Passage ;
    oa:hasSource ex:letter ;
    oa:hasSelector
        [ a oa:TextQuoteSelector ;
          oa:exact "Uitvoeringsinstituut\nWerknemersverzekeringen (UWV)" ;
          oa:prefix ". 290). Het " ; oa:suffix " werkte mee." ] ,
        [ a oa:TextPositionSelector ;
          oa:start "188"^^xsd:nonNegativeInteger ; oa:end "238"^^xsd:nonNegativeInteger ] .

ex:letter-passage-252-287 a oa:SpecificResource , kgu:Passage ;
    oa:hasSource ex:letter ;
    oa:hasSelector
        [ a oa:TextQuoteSelector ; oa:exact "Dilemma 1 – Focus: goed en duurzaam" ;
          oa:prefix "erkte mee.\n\n" ; oa:suffix "\n\nIk zal uw " ] ,
        [ a oa:TextPositionSelector ;
          oa:start "252"^^xsd:nonNegativeInteger ; oa:end "287"^^xsd:nonNegativeInteger ] .

ex:letter-passage-289-338 a oa:SpecificResource , kgu:Passage ;
    oa:hasSource ex:letter ;
    oa:hasSelector
        [ a oa:TextQuoteSelector ;
          oa:exact "Ik zal uw Kamer voor de zomer van 2023 informeren" ;
          oa:prefix "n duurzaam\n\n" ; oa:suffix " over de voo" ] ,
        [ a oa:TextPositionSelector ;
          oa:start "289"^^xsd:nonNegativeInteger ; oa:end "338"^^xsd:nonNegativeInteger ] .

ex:letter-passage-366-396 a oa:SpecificResource , kgu:Passage ;
    oa:hasSource ex:letter ;
    oa:hasSelector
        [ a oa:TextQuoteSelector ; oa:exact "Handelingen II 2021/22, nr. 12" ;
          oa:prefix "ng. Zie ook\n" ; oa:suffix ".\n\nDe Staats" ] ,
        [ a oa:TextPositionSelector ;
          oa:start "366"^^xsd:nonNegativeInteger ; oa:end "396"^^xsd:nonNegativeInteger ] .

ex:letter-passage-467-484 a oa:SpecificResource , kgu:Passage ;
    oa:hasSource ex:letter ;
    oa:hasSelector
        [ a oa:TextQuoteSelector ; oa:exact "A.C. van Huffelen" ;
          oa:prefix "srelaties,\n\n" ; oa:suffix "" ] ,
        [ a oa:TextPositionSelector ;
          oa:start "467"^^xsd:nonNegativeInteger ; oa:end "484"^^xsd:nonNegativeInteger ] .

# Provenance
ex:letter-conversion a kgu:Conversion , prov:Activity ;
    prov:used ex:letter-source ;
    prov:wasAssociatedWith ex:kg-uitvoering-0.1.0 .

ex:letter-source a kgu:SourceFile ;
    kgu:fileName "tk_29362-318_2022-12-22_bzk_vanhuffelen_standen_van_de_uitvoering_opentk.txt" ;
    kgu:sha256 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    kgu:rendering "opentk" .

ex:kg-uitvoering-0.1.0 a prov:SoftwareAgent ;
    rdfs:label "kg-uitvoering" ; schema:softwareVersion "0.1.0" .
'''

# Shorthands for the violating snippets.
NNI = "^^xsd:nonNegativeInteger"
QUOTE = '[ a oa:TextQuoteSelector ; oa:exact "abc" ; oa:prefix "" ; oa:suffix "def" ]'
POSITION = f'[ a oa:TextPositionSelector ; oa:start "0"{NNI} ; oa:end "3"{NNI} ]'

# (shape local name, Turtle that breaks it, expected severity). Each snippet is a whole
# small graph; it may break other shapes too, the test only asks for this one.
VIOLATIONS: list[tuple[str, str, URIRef]] = [
    # Letter
    ("Letter-dossierNumber", 'ex:l a kgu:Letter ; kgu:dossierNumber "34 775 A" .', VIOLATION),
    ("Letter-ondernummer", "ex:l a kgu:Letter , kgu:Kamerstuk ; kgu:ondernummer 61 .", VIOLATION),
    ("Letter-isPartOf", "ex:l a kgu:Letter ; eli:is_part_of ex:not-a-dossier .", VIOLATION),
    ("Letter-date", 'ex:l a kgu:Letter ; eli:date_document "22 december 2022" .', VIOLATION),
    ("Letter-date-missing", "ex:l a kgu:Letter .", WARNING),
    ("Letter-title", 'ex:l a kgu:Letter ; dcterms:title "Standen"@nl .', VIOLATION),
    ("Letter-vergaderjaar", 'ex:l a kgu:Letter ; kgu:vergaderjaar "2022/2023" .', VIOLATION),
    ("Letter-documentNumber", 'ex:l a kgu:Letter ; kgu:documentNumber "2022Z26159" .',
     VIOLATION),
    ("Letter-zaak", 'ex:l a kgu:Letter ; kgu:zaak "2022Z26159" .', VIOLATION),
    ("Letter-addressedTo", 'ex:l a kgu:Letter ; kgu:addressedTo "Tweede Kamer" .', VIOLATION),
    ("Letter-addressedTo-missing", "ex:l a kgu:Letter .", WARNING),
    ("Letter-hasSignature", "ex:l a kgu:Letter ; kgu:hasSignature ex:p . ex:p a foaf:Person .",
     VIOLATION),
    ("Letter-hasSignature-missing", "ex:l a kgu:Letter .", WARNING),
    ("Letter-creator", 'ex:l a kgu:Letter ; dcterms:creator "A.C. van Huffelen" .', VIOLATION),
    ("Letter-senderPost", "ex:l a kgu:Letter ; kgu:senderPost ex:o . ex:o a org:Organization .",
     VIOLATION),
    ("Letter-cites", "ex:l a kgu:Letter ; eli:cites ex:untyped .", VIOLATION),
    ("Letter-mentions", 'ex:l a kgu:Letter ; kgu:mentions "UWV" .', VIOLATION),
    ("Letter-raisesDilemma", "ex:l a kgu:Letter ; kgu:raisesDilemma ex:untyped .", VIOLATION),
    ("Letter-hasCommitment", "ex:l a kgu:Letter ; kgu:hasCommitment ex:untyped .", VIOLATION),
    ("Letter-hasOtherReference", "ex:l a kgu:Letter ; kgu:hasOtherReference ex:untyped .",
     VIOLATION),
    ("Letter-references", 'ex:l a kgu:Letter ; dcterms:references "https://example.org/" .',
     VIOLATION),
    ("Letter-seeAlso", 'ex:l a kgu:Letter ; rdfs:seeAlso "kst-29362-318" .', VIOLATION),
    ("Letter-letterText", "ex:l a kgu:Letter .", VIOLATION),
    ("Letter-conversion", "ex:l a kgu:Letter .", VIOLATION),
    ("LetterInOwnDossierShape",
     'ex:l a kgu:Letter ; kgu:dossierNumber "29362" ; eli:is_part_of ex:d .'
     ' ex:d a kgu:Dossier ; kgu:dossierNumber "29363" .', VIOLATION),
    ("SignaturePositionsUniqueShape",
     "ex:l a kgu:Letter ; kgu:hasSignature ex:s1 , ex:s2 ."
     " ex:s1 a kgu:Signature ; kgu:position 1 . ex:s2 a kgu:Signature ; kgu:position 1 .",
     VIOLATION),
    ("SignerIsCreatorShape",
     "ex:l a kgu:Letter ; kgu:hasSignature ex:s . ex:s a kgu:Signature ; kgu:signer ex:p .",
     VIOLATION),
    # Kamerstukken, dossiers, zaken
    ("Kamerstuk-dossierNumber", 'ex:k a kgu:Kamerstuk ; kgu:ondernummer "290" .', VIOLATION),
    ("Kamerstuk-ondernummer", 'ex:k a kgu:Kamerstuk ; kgu:dossierNumber "29362" .', VIOLATION),
    ("Kamerstuk-isPartOf", "ex:k a kgu:Kamerstuk ; eli:is_part_of ex:untyped .", VIOLATION),
    ("NumberedDocument-type", 'ex:k kgu:dossierNumber "29362" ; kgu:ondernummer "290" .',
     VIOLATION),
    ("Dossier-dossierNumber", 'ex:d a kgu:Dossier ; kgu:dossierNumber "29 362" .', VIOLATION),
    ("Dossier-title", 'ex:d a kgu:Dossier ; dcterms:title "Modernisering"@nl .', VIOLATION),
    ("Dossier-title-several", 'ex:d a kgu:Dossier ; dcterms:title "Een" , "Twee" .', WARNING),
    ("Zaak-zaakNumber", 'ex:z a kgu:Zaak ; kgu:zaakNumber "2022D56402" .', VIOLATION),
    # Signing
    ("Signature-position", "ex:s a kgu:Signature ; kgu:position 0 .", VIOLATION),
    ("Signature-signer", 'ex:s a kgu:Signature ; kgu:signer "A.C. van Huffelen" .', VIOLATION),
    ("Signature-post", "ex:s a kgu:Signature .", VIOLATION),
    ("Signature-passage", "ex:s a kgu:Signature ; prov:wasDerivedFrom ex:untyped .", VIOLATION),
    ("Signature-passage-missing", "ex:s a kgu:Signature .", WARNING),
    ("Person-name", "ex:p a foaf:Person .", VIOLATION),
    ("Person-name-several", 'ex:p a foaf:Person ; foaf:name "J.S.J. Hillen" , "J. S. J. Hillen" .',
     WARNING),
    ("Post-role", 'ex:x a org:Post ; org:role "Staatssecretaris" .', VIOLATION),
    ("Post-portfolio", 'ex:x a org:Post ; kgu:portfolio "" .', VIOLATION),
    ("Post-portfolio-several", 'ex:x a org:Post ; kgu:portfolio "Financiën" , "Financien" .',
     WARNING),
    ("Post-portfolio-missing", "ex:x a org:Post ; org:role kgu:Minister .", WARNING),
    ("Post-postIn", 'ex:x a org:Post ; org:postIn "BZK" .', VIOLATION),
    # Organisations and mentions
    ("Organization-prefLabel", 'ex:o a org:Organization ; skos:prefLabel "UWV"@nl .', VIOLATION),
    ("Organization-altLabel", 'ex:o a org:Organization ; skos:altLabel "" .', VIOLATION),
    ("Organization-sameAs", 'ex:o a org:Organization ; owl:sameAs "mnre1034" .', VIOLATION),
    ("Organization-kind", 'ex:o a org:Organization ; kgu:organisationKind "ZBO" .', VIOLATION),
    ("Mention-mentionIn", "ex:m a kgu:Mention .", VIOLATION),
    ("Mention-mentionOf", "ex:m a kgu:Mention ; kgu:mentionOf ex:l . ex:l a kgu:Letter .",
     VIOLATION),
    ("Mention-passage", "ex:m a kgu:Mention .", VIOLATION),
    ("MentionShortcutShape",
     "ex:l a kgu:Letter . ex:m a kgu:Mention ; kgu:mentionIn ex:l ; kgu:mentionOf ex:o .",
     VIOLATION),
    # Citations and other references
    ("Citation-citingEntity", "ex:c a kgu:Citation .", VIOLATION),
    ("Citation-citedEntity", "ex:c a kgu:Citation ; cito:hasCitedEntity ex:untyped .",
     VIOLATION),
    ("Citation-passage", "ex:c a kgu:Citation .", VIOLATION),
    ("CitationShortcutShape",
     "ex:l a kgu:Letter . ex:c a kgu:Citation ; cito:hasCitingEntity ex:l ;"
     " cito:hasCitedEntity ex:k .", VIOLATION),
    ("OtherReference-type", 'ex:r a kgu:OtherReference ; kgu:referenceType "url" .', VIOLATION),
    ("OtherReference-text", "ex:r a kgu:OtherReference .", VIOLATION),
    ("OtherReference-url", 'ex:r a kgu:OtherReference ; schema:url "https://example.org/" .',
     VIOLATION),
    ("OtherReference-passage", "ex:r a kgu:OtherReference .", VIOLATION),
    # Dilemmas
    ("Dilemma-number", 'ex:d a kgu:Dilemma ; kgu:number "1" .', VIOLATION),
    ("Dilemma-prefLabel", "ex:d a kgu:Dilemma .", VIOLATION),
    ("Dilemma-passage", "ex:d a kgu:Dilemma .", VIOLATION),
    # Commitments
    ("Commitment-kind", "ex:c a kgu:Commitment ; kgu:commitmentKind kgu:Minister .", VIOLATION),
    ("Commitment-text", "ex:c a kgu:Commitment .", VIOLATION),
    ("Commitment-dueText", 'ex:c a kgu:Commitment ; kgu:dueText "in mei" , "in juni" .',
     VIOLATION),
    ("Commitment-dueDate", 'ex:c a kgu:Commitment ; kgu:dueDate "2023-06-30"^^xsd:date .',
     VIOLATION),
    ("Commitment-dueStart",
     'ex:c a kgu:Commitment ; kgu:dueStart "2023-07-01"^^xsd:date ;'
     ' kgu:dueEnd "2023-06-30"^^xsd:date .', VIOLATION),
    ("Commitment-dueEnd", 'ex:c a kgu:Commitment ; kgu:dueEnd "30 juni 2023" .', VIOLATION),
    ("Commitment-origin", "ex:c a kgu:Commitment ; kgu:origin ex:untyped .", VIOLATION),
    ("Commitment-agent", "ex:c a kgu:Commitment ; schema:agent ex:p . ex:p a foaf:Person .",
     VIOLATION),
    ("Commitment-agent-missing", "ex:c a kgu:Commitment .", WARNING),
    ("Commitment-passage", "ex:c a kgu:Commitment .", VIOLATION),
    ("CommitmentDueShape", "ex:c a kgu:Commitment ; kgu:commitmentKind kgu:NewCommitment .",
     WARNING),
    ("CommitmentDueBeforeLetterShape",
     'ex:l kgu:hasCommitment ex:c ; eli:date_document "2022-12-22"^^xsd:date .'
     ' ex:c a kgu:Commitment ; kgu:commitmentKind kgu:PostponedCommitment ;'
     ' kgu:dueEnd "2022-06-30"^^xsd:date .', WARNING),
    # Passages
    ("Passage-type", "ex:p a kgu:Passage .", VIOLATION),
    ("Passage-source", "ex:p a oa:SpecificResource ; oa:hasSource ex:untyped .", VIOLATION),
    ("Passage-quoteSelector", f"ex:p a oa:SpecificResource ; oa:hasSelector {POSITION} .",
     VIOLATION),
    ("Passage-positionSelector", f"ex:p a oa:SpecificResource ; oa:hasSelector {QUOTE} .",
     VIOLATION),
    ("PassageQuoteMatchesTextShape",
     'ex:l a kgu:Letter ; kgu:letterText "abXdef" .'
     f" ex:p a oa:SpecificResource ; oa:hasSource ex:l ; oa:hasSelector {QUOTE} , {POSITION} .",
     VIOLATION),
    ("PassageContextMatchesTextShape",
     'ex:l a kgu:Letter ; kgu:letterText "abcdXf" .'
     f" ex:p a oa:SpecificResource ; oa:hasSource ex:l ; oa:hasSelector {QUOTE} , {POSITION} .",
     VIOLATION),
    ("TextQuoteSelector-exact",
     'ex:q a oa:TextQuoteSelector ; oa:exact "" ; oa:prefix "" ; oa:suffix "" .', VIOLATION),
    ("TextQuoteSelector-prefix", 'ex:q a oa:TextQuoteSelector ; oa:exact "abc" .', VIOLATION),
    ("TextQuoteSelector-suffix", 'ex:q a oa:TextQuoteSelector ; oa:suffix "def"@nl .',
     VIOLATION),
    ("TextPositionSelector-start",
     f'ex:s a oa:TextPositionSelector ; oa:start "5"{NNI} ; oa:end "3"{NNI} .', VIOLATION),
    ("TextPositionSelector-end",
     f'ex:s a oa:TextPositionSelector ; oa:start "0"{NNI} ; oa:end 3 .', VIOLATION),
    # Conversion provenance
    ("Conversion-used", "ex:c a kgu:Conversion .", VIOLATION),
    ("Conversion-software", "ex:c a kgu:Conversion ; prov:wasAssociatedWith ex:untyped .",
     VIOLATION),
    ("Conversion-endedAtTime", 'ex:c a kgu:Conversion ; prov:endedAtTime "2026-01-01"^^xsd:date .',
     VIOLATION),
    ("SoftwareAgent-label", "ex:a a prov:SoftwareAgent .", VIOLATION),
    ("SoftwareAgent-version", "ex:a a prov:SoftwareAgent ; schema:softwareVersion 1 .", VIOLATION),
    ("SourceFile-fileName", 'ex:f a kgu:SourceFile ; kgu:fileName "/home/me/letter.txt" .',
     VIOLATION),
    ("SourceFile-sha256", f'ex:f a kgu:SourceFile ; kgu:sha256 "{"AB" * 32}" .', VIOLATION),
    ("SourceFile-rendering", 'ex:f a kgu:SourceFile ; kgu:rendering "OpenTK" .', VIOLATION),
    # The Kamer's commitment register
    ("RegisteredCommitment-text", "ex:r a kgu:RegisteredCommitment .", VIOLATION),
    ("RegisteredCommitment-registerNumber",
     'ex:r a kgu:RegisteredCommitment ; kgu:registerNumber "TZ1" , "TZ2" .', VIOLATION),
    ("RegisteredCommitment-status",
     "ex:r a kgu:RegisteredCommitment ; kgu:registerStatus kgu:NewCommitment .", VIOLATION),
    ("RegisteredCommitment-status-missing", "ex:r a kgu:RegisteredCommitment .", WARNING),
    ("RegisteredCommitment-ministry",
     'ex:r a kgu:RegisteredCommitment ; kgu:ministry "BZK" .', VIOLATION),
    ("RegisteredCommitment-dueDate",
     'ex:r a kgu:RegisteredCommitment ; kgu:registeredDueDate "2023-07-01T00:00:00" .',
     VIOLATION),
    ("RegisteredCommitment-agent",
     'ex:r a kgu:RegisteredCommitment ; schema:agent "minister van Defensie" .', VIOLATION),
    ("RegisteredCommitment-creator",
     'ex:r a kgu:RegisteredCommitment ; dcterms:creator "J.S.J. Hillen" .', VIOLATION),
    ("RegisteredCommitment-fulfilledBy",
     "ex:r a kgu:RegisteredCommitment ; kgu:fulfilledBy ex:not-a-letter .", VIOLATION),
    ("RegisteredCommitment-matchesCommitment",
     "ex:r a kgu:RegisteredCommitment ; kgu:matchesCommitment ex:not-a-commitment .",
     VIOLATION),
    ("RegisteredCommitment-retrievedAt",
     'ex:r a kgu:RegisteredCommitment ; kgu:retrievedAt "2025-10-03"^^xsd:date .', VIOLATION),
    ("CommitmentMatch-matchOf", "ex:m a kgu:CommitmentMatch ; kgu:matchOf ex:untyped .",
     VIOLATION),
    ("CommitmentMatch-matchedCommitment", "ex:m a kgu:CommitmentMatch .", VIOLATION),
    ("CommitmentMatch-score", 'ex:m a kgu:CommitmentMatch ; kgu:matchScore "high" .', VIOLATION),
]

# The contract's terms and what they must be (a rename breaks the researchers' queries).
CONTRACT_CLASSES = ["Letter", "Kamerstuk", "Dossier", "Zaak", "Signature", "Citation",
                    "Dilemma", "Commitment", "OtherReference", "SourceFile"]
CONTRACT_PROPERTIES = ["dossierNumber", "ondernummer", "vergaderjaar", "documentNumber", "zaak",
                       "zaakNumber", "addressedTo", "hasSignature", "position", "signer", "post",
                       "portfolio", "mentions", "raisesDilemma", "number", "hasCommitment",
                       "commitmentKind", "text", "dueText", "dueDate", "dueStart", "dueEnd",
                       "origin", "referenceType", "sha256", "rendering", "letterText"]
CONTRACT_CONCEPTS = ["NewCommitment", "FulfilledCommitment", "PostponedCommitment"]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def run_shacl(data: Graph, shapes: Graph) -> Graph:
    """The validation report of ``data``, validated as the mapping's output will be."""
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none")
    assert isinstance(report, Graph)
    return report


def results(report: Graph) -> list[tuple[object, object, str]]:
    """(source shape, severity, message) for each validation result."""
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        messages = "; ".join(str(m) for m in report.objects(result, SH.resultMessage))
        out.append((report.value(result, SH.sourceShape), report.value(result, SH.resultSeverity),
                    messages))
    return out


def in_kgu(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(KGU))


def languages(graph: Graph, subject: object, predicate: URIRef) -> list[str]:
    return sorted((o.language or "") for o in graph.objects(subject, predicate)
                  if isinstance(o, Literal) and o.language)


def declared_kgu_terms(ontology: Graph) -> set[URIRef]:
    types = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept,
             SKOS.ConceptScheme)
    return {s for t in types for s in ontology.subjects(RDF.type, t) if in_kgu(s)}


def constraint_shapes(shapes: Graph) -> set[URIRef]:
    """The shapes that report results: those with a constraint parameter of their own.

    Shapes nested inside sh:or / sh:qualifiedValueShape are blank nodes and report
    through the shape that holds them, so they are not counted.
    """
    return {s for s in set(shapes.subjects()) if isinstance(s, URIRef)
            and any(p in CONSTRAINT_PARAMETERS for p in shapes.predicates(s))}


# --- both files ------------------------------------------------------------------


def test_both_files_parse(ontology: Graph, shapes: Graph) -> None:
    assert len(ontology) > 100
    assert len(shapes) > 100


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    assert ((ONTOLOGY_IRI, DCTERMS.license,
             URIRef("https://creativecommons.org/licenses/by/4.0/")) in ontology)
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.creator) is not None
    assert languages(ontology, ONTOLOGY_IRI, DCTERMS.title) == ["en", "nl"]
    assert languages(ontology, ONTOLOGY_IRI, DCTERMS.description) == ["en", "nl"]
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "kgu"
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(KGU)


# --- the ontology ----------------------------------------------------------------


def test_contract_terms_exist(ontology: Graph) -> None:
    for name in CONTRACT_CLASSES:
        assert (KGU[name], RDF.type, OWL.Class) in ontology, name
    for name in CONTRACT_PROPERTIES:
        kinds = set(ontology.objects(KGU[name], RDF.type))
        assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
    for name in CONTRACT_CONCEPTS:
        assert (KGU[name], SKOS.inScheme, KGU.CommitmentKinds) in ontology, name
    assert (KGU.Letter, RDFS.subClassOf, URIRef("http://data.europa.eu/eli/ontology#Work")) \
        in ontology
    assert (KGU.Commitment, RDFS.subClassOf, URIRef("https://schema.org/PlanAction")) in ontology
    assert (KGU.CommitmentKinds, RDF.type, SKOS.ConceptScheme) in ontology


def test_every_kgu_class_and_property_has_label_and_comment_in_nl_and_en(
        ontology: Graph) -> None:
    terms = [t for t in declared_kgu_terms(ontology)
             if (t, RDF.type, SKOS.Concept) not in ontology
             and (t, RDF.type, SKOS.ConceptScheme) not in ontology]
    assert len(terms) > 40
    for term in terms:
        assert languages(ontology, term, RDFS.label) == ["en", "nl"], term
        assert languages(ontology, term, RDFS.comment) == ["en", "nl"], term
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology, term


def test_every_kgu_property_has_domain_and_range(ontology: Graph) -> None:
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in filter(in_kgu, ontology.subjects(RDF.type, kind)):
            assert ontology.value(prop, RDFS.domain) is not None, prop
            assert ontology.value(prop, RDFS.range) is not None, prop


def test_concept_schemes(ontology: Graph) -> None:
    schemes = set(filter(in_kgu, ontology.subjects(RDF.type, SKOS.ConceptScheme)))
    assert schemes == {KGU.Roles, KGU.CommitmentKinds, KGU.ReferenceTypes, KGU.RegisterStatuses}
    for scheme in schemes:
        assert languages(ontology, scheme, SKOS.prefLabel) == ["en", "nl"], scheme
        assert languages(ontology, scheme, SKOS.definition) == ["en", "nl"], scheme
    for concept in filter(in_kgu, ontology.subjects(RDF.type, SKOS.Concept)):
        assert ontology.value(concept, SKOS.inScheme) in schemes, concept
        labels = languages(ontology, concept, SKOS.prefLabel)
        assert labels == ["en", "nl"], concept  # one per language (SKOS S14)
        assert languages(ontology, concept, SKOS.definition) == ["en", "nl"], concept
    # The contract's `?role skos:prefLabel "Staatssecretaris"` matches a plain literal.
    assert (KGU.Staatssecretaris, SKOS.prefLabel, Literal("Staatssecretaris")) in ontology


def test_every_kgu_iri_in_the_ontology_is_declared(ontology: Graph) -> None:
    declared = declared_kgu_terms(ontology)
    used = {t for triple in ontology for t in triple if in_kgu(t)}
    assert used <= declared, used - declared


def test_external_terms_are_referenced_not_redefined(ontology: Graph) -> None:
    """Outside kgu: the ontology only types a term and says who defines it."""
    for subject in set(ontology.subjects()):
        if in_kgu(subject) or subject == ONTOLOGY_IRI or isinstance(subject, BNode):
            continue
        predicates = set(ontology.predicates(subject))
        assert predicates <= {RDF.type, RDFS.isDefinedBy}, (subject, predicates)


def test_links_to_the_reused_vocabularies(ontology: Graph) -> None:
    """At least one subclass or subproperty axiom into each reused vocabulary."""
    linked = {str(o) for p in (RDFS.subClassOf, RDFS.subPropertyOf)
              for s, o in ontology.subject_objects(p) if in_kgu(s)}
    linked |= {str(o) for o in ontology.objects(None, RDF.type)}  # org:Role, skos:Concept
    for namespace in ("http://data.europa.eu/eli/ontology#", "http://www.w3.org/ns/org#",
                      "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#",
                      "http://purl.org/spar/cito/", "http://purl.org/spar/doco/",
                      "http://www.w3.org/2004/02/skos/core#", "https://schema.org/"):
        assert any(iri.startswith(namespace) for iri in linked), namespace
    ranges = {str(o) for o in ontology.objects(None, RDFS.range)}
    assert "http://xmlns.com/foaf/0.1/Person" in ranges


# --- the shapes ------------------------------------------------------------------


def test_shapes_graph_is_well_formed_shacl(shapes: Graph) -> None:
    """pyshacl checks the shapes against SHACL-SHACL first and raises if they fail it."""
    conforms, _report, _text = validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms


def test_shapes_use_only_declared_kgu_terms(ontology: Graph, shapes: Graph) -> None:
    declared = declared_kgu_terms(ontology)
    classes = set(filter(in_kgu, ontology.subjects(RDF.type, OWL.Class)))
    properties = {s for t in (OWL.ObjectProperty, OWL.DatatypeProperty)
                  for s in ontology.subjects(RDF.type, t) if in_kgu(s)}
    for target in shapes.objects(None, SH.targetClass):
        assert not in_kgu(target) or target in classes, target
    for path in shapes.objects(None, SH.path):
        assert not in_kgu(path) or path in properties, path
    used = {t for triple in shapes for t in triple if in_kgu(t)}
    assert used <= declared, used - declared


def test_every_constraint_has_severity_and_messages_in_nl_and_en(shapes: Graph) -> None:
    checked = constraint_shapes(shapes)
    assert len(checked) > 80
    for shape in checked:
        assert shapes.value(shape, SH.severity) in (VIOLATION, WARNING), shape
        sparql = list(shapes.objects(shape, SH.sparql))
        for holder in sparql or [shape]:
            assert languages(shapes, holder, SH.message) == ["en", "nl"], shape


def test_in_lists_match_the_concept_schemes(ontology: Graph, shapes: Graph) -> None:
    for shape, scheme in ((KGUSH["Post-role"], KGU.Roles),
                          (KGUSH["Commitment-kind"], KGU.CommitmentKinds),
                          (KGUSH["OtherReference-type"], KGU.ReferenceTypes),
                          (KGUSH["RegisteredCommitment-status"], KGU.RegisterStatuses)):
        listed = set(Collection(shapes, shapes.value(shape, SH["in"])))
        assert listed == set(ontology.subjects(SKOS.inScheme, scheme)), shape


def test_the_table_covers_every_shape(shapes: Graph) -> None:
    in_table = [KGUSH[name] for name, _, _ in VIOLATIONS]
    assert len(in_table) == len(set(in_table))
    assert set(in_table) == constraint_shapes(shapes)


@pytest.mark.parametrize(("shape", "turtle", "severity"), VIOLATIONS,
                         ids=[name for name, _, _ in VIOLATIONS])
def test_violating_graph_is_reported_by_its_shape(shapes: Graph, shape: str, turtle: str,
                                                  severity: URIRef) -> None:
    data = Graph().parse(data=PREFIXES + turtle, format="turtle")
    found = [r for r in results(run_shacl(data, shapes)) if r[0] == KGUSH[shape]]
    assert found, f"{shape} reported nothing"
    assert {r[1] for r in found} == {severity}
    assert all(r[2] for r in found)  # every result carries its messages


# --- the conforming letter ---------------------------------------------------------


def test_conforming_letter_passages_match_its_text() -> None:
    """The fixture itself: every passage's offsets select its quote (checked in Python)."""
    data = Graph().parse(data=CONFORMING, format="turtle")
    oa = Namespace("http://www.w3.org/ns/oa#")
    text = str(data.value(URIRef("https://example.org/kg/letter"), KGU.letterText))
    passages = list(data.subjects(RDF.type, oa.SpecificResource))
    assert len(passages) == 6
    for passage in passages:
        selectors = list(data.objects(passage, oa.hasSelector))
        quote = next(s for s in selectors if (s, RDF.type, oa.TextQuoteSelector) in data)
        position = next(s for s in selectors if (s, RDF.type, oa.TextPositionSelector) in data)
        start, end = (data.value(position, p).toPython() for p in (oa.start, oa.end))
        assert text[start:end] == str(data.value(quote, oa.exact))
        assert text[:start].endswith(str(data.value(quote, oa.prefix)))
        assert text[end:].startswith(str(data.value(quote, oa.suffix)))


def test_conforming_letter_has_no_results(shapes: Graph) -> None:
    data = Graph().parse(data=CONFORMING, format="turtle")
    assert results(run_shacl(data, shapes)) == []


def test_conforming_letter_has_no_results_with_rdfs_inference_over_the_ontology(
        ontology: Graph, shapes: Graph) -> None:
    """Also with the ontology mixed in and RDFS entailment: no shape contradicts an axiom."""
    data = Graph().parse(data=CONFORMING, format="turtle")
    _conforms, report, _text = validate(data, shacl_graph=shapes, ont_graph=ontology,
                                        inference="rdfs")
    assert isinstance(report, Graph)
    assert results(report) == []


def test_shapes_report_problems_in_the_conforming_letter_once_broken(shapes: Graph) -> None:
    """A one-character change to a quote is caught by the text check, nothing else."""
    data = Graph().parse(data=CONFORMING.replace('"A.C. van Huffelen" ;\n          oa:prefix',
                                                 '"A.C. van Huffelem" ;\n          oa:prefix'),
                         format="turtle")
    found = {(shape, severity) for shape, severity, _ in results(run_shacl(data, shapes))}
    assert found == {(KGUSH.PassageQuoteMatchesTextShape, VIOLATION)}


def test_xsd_integer_positions_keep_the_contract_query_working() -> None:
    """`kgu:position 1` in a query is "1"^^xsd:integer: the data must use that datatype."""
    data = Graph().parse(data=CONFORMING, format="turtle")
    assert data.value(URIRef("https://example.org/kg/letter-signature-1"),
                      KGU.position) == Literal(1)  # "1"^^xsd:integer
    rows = list(data.query(
        "PREFIX kgu: <https://w3id.org/kg-uitvoering/def#> "
        "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
        "SELECT ?name WHERE { ?l kgu:hasSignature ?s . ?s kgu:position 1 ; kgu:signer ?p . "
        '?p foaf:name ?name . ?l kgu:dossierNumber "29362" ; kgu:ondernummer "318" }'))
    assert [str(row[0]) for row in rows] == ["A.C. van Huffelen"]


# --- the project's validator: SPARQL constraints in batches on pyoxigraph -------------


def _without_message(found: list[Finding]) -> list[tuple[str, str, str, str | None]]:
    return sorted((f.severity, f.shape, f.focus, f.path) for f in found)


@pytest.mark.parametrize(("name", "turtle"),
                         [(name, PREFIXES + turtle) for name, turtle, _ in VIOLATIONS]
                         + [("conforming", CONFORMING)],
                         ids=[name for name, _, _ in VIOLATIONS] + ["conforming"])
def test_batch_validation_reports_what_pyshacl_reports(shapes: Graph, name: str,
                                                        turtle: str) -> None:
    """``findings`` runs the constraints compiled to SPARQL once per batch on pyoxigraph
    (validate/compiled.py) and leaves the rest to pySHACL; together they must report
    exactly what pySHACL alone reports (pySHACL picks either language for a SPARQL
    constraint's message, so messages are compared apart)."""
    data = Graph()
    data.parse(data=turtle, format="turtle")
    ours = findings(data)
    assert _without_message(ours) == _without_message(pyshacl_findings(data, shapes))
    assert all(f.message for f in ours)


LETTER_FIXTURES = sorted((ROOT / "tests" / "fixtures" / "letters").glob("*.txt"))


def _corrupted(graph: Graph, seed: int) -> Graph:
    """A letter graph with random damage: triples dropped, values doubled, literals
    retyped or made ill-formed (not numbers: rdflib's SPARQL engine, so pySHACL, fails on
    arithmetic with an ill-formed number), links turned into text, numbers changed."""
    rng = random.Random(seed)
    triples = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    broken = Graph()
    for s, p, o in triples:
        roll = rng.random()
        if roll < 0.03:
            continue
        if roll < 0.05:
            broken.add((s, p, Literal(str(o))))
        elif roll < 0.06 and isinstance(o, Literal) and "nteger" not in str(o.datatype):
            broken.add((s, p, Literal("x" + str(o), datatype=o.datatype)))  # ill-formed
        elif roll < 0.07 and isinstance(o, Literal):
            broken.add((s, p, Literal(str(o), lang="nl")))
        elif roll < 0.08:
            broken.add((s, p, o))
            broken.add((s, p, URIRef(f"https://example.org/other/{rng.randrange(3)}")))
        elif roll < 0.09 and isinstance(o, Literal) and o.datatype is not None:
            broken.add((s, p, Literal(int(rng.randrange(-5, 5)), datatype=o.datatype)
                        if "nteger" in str(o.datatype) else Literal(str(o) + " ")))
        else:
            broken.add((s, p, o))
    return broken


@pytest.mark.parametrize("seed", range(12))
def test_batch_validation_agrees_with_pyshacl_on_damaged_letters(shapes: Graph, seed: int) -> None:
    """Real letters, mapped and damaged at random: the same findings, many of them."""
    iris = Iris("https://example.org/kg/")
    graph = Graph()
    for path in LETTER_FIXTURES:
        record = extract_file(path).record
        assert record is not None
        graph += letter_graph(record, iris)[1]
    data = _corrupted(graph, seed)
    ours = findings(data)
    assert len(ours) >= 5  # the damage is seen
    assert _without_message(ours) == _without_message(pyshacl_findings(data, shapes))
