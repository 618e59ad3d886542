"""The shapes compiled to SPARQL, each constraint one query run once per batch.

pySHACL checks each constraint node by node in Python: about 50 ms a letter, most of a
build's time. The constraints the shapes use are compiled instead into SELECT queries
that pyoxigraph runs once over a whole batch; each row is one validation result, its
``?this`` the focus node. What is compiled:

- focus nodes given by ``sh:targetClass`` (with subclasses) or ``sh:targetSubjectsOf``;
  a property shape takes those of the node shape that lists it (``sh:property``);
- property shapes whose path is one predicate, with ``sh:minCount``, ``sh:maxCount``,
  ``sh:hasValue``, ``sh:equals``, ``sh:lessThan``, ``sh:lessThanOrEquals``,
  ``sh:qualifiedValueShape`` with a qualified count, and the value tests ``sh:class``,
  ``sh:datatype``, ``sh:nodeKind``, ``sh:pattern``, ``sh:minLength``, ``sh:maxLength``,
  ``sh:in``, ``sh:minInclusive`` and its kin, and ``sh:or`` of value tests;
- ``sh:or`` on a node shape whose alternatives require a value (``sh:hasValue``,
  ``sh:minCount 1``);
- SHACL-SPARQL constraints (``sh:sparql`` with ``sh:select``);
- ``sh:datatype`` with a type pyoxigraph does not keep (``xsd:nonNegativeInteger``): the
  query gives the focus nodes, Python checks their values as pySHACL does.

Anything else (``sh:node``, ``sh:closed``, a path expression, another target, a shape
without an English or any message, ...) stays in the graph handed to pySHACL, so the
two together check every constraint. ``tests/test_ontology_shapes.py`` checks that
they report what pySHACL alone reports, shape by shape and on corrupted letters.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

SUBCLASS = f"a/<{RDFS.subClassOf}>*"

# Datatypes whose well-formedness a cast checks (an ill-formed literal breaks sh:datatype).
# pyoxigraph stores other datatypes (xsd:nonNegativeInteger, ...) as their primitive type,
# so sh:datatype with one of those is checked in Python on the original literals.
CASTS = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.date, XSD.dateTime,
         XSD.time, XSD.gYear, XSD.duration}
PLAIN = {XSD.string, RDF.langString}
NODE_KINDS: dict[Node, str] = {
    SH.IRI: "!isIRI(?v)", SH.BlankNode: "!isBlank(?v)", SH.Literal: "!isLiteral(?v)",
    SH.BlankNodeOrIRI: "isLiteral(?v)", SH.BlankNodeOrLiteral: "isIRI(?v)",
    SH.IRIOrLiteral: "isBlank(?v)"}
COMPARISONS: dict[Node, str] = {SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=",
               SH.maxExclusive: "<"}
# What a property shape may say besides its constraints.
ANNOTATIONS = {RDF.type, SH.path, SH.name, SH.description, SH.message, SH.severity, SH.order,
               SH.group, RDFS.label, RDFS.comment}


@dataclass(frozen=True)
class SparqlCheck:
    """One constraint as a query whose rows (``?this``) are its results; with ``datatype``
    set, the rows are the focus nodes and the values of ``path`` are checked in Python
    against the datatype (pyoxigraph keeps only primitive datatypes, see CASTS)."""

    shape: str
    severity: str
    message: str
    path: str | None
    query: str
    datatype: str | None = None


class Unsupported(Exception):
    """A constraint this compiler does not handle; pySHACL checks it."""


def english(shapes: Graph, node: Node, predicate: URIRef) -> str:
    """The English value of ``predicate`` if there is one, else any value."""
    values = [m for m in shapes.objects(node, predicate) if isinstance(m, Literal)]
    chosen = [m for m in values if m.language == "en"] or values
    if not chosen:
        raise Unsupported(f"{node} has no {predicate}")
    return str(chosen[0])


def constant(x: Node) -> str:
    """A constant of a constraint in SPARQL; a literal only of a type pyoxigraph keeps."""
    if isinstance(x, Literal) and x.datatype is not None and x.datatype not in CASTS | PLAIN:
        raise Unsupported(f"a constant of type {x.datatype}")
    return x.n3()


def _severity(shapes: Graph, shape: Node) -> str:
    return str(shapes.value(shape, SH.severity, default=SH.Violation)).rsplit("#", 1)[-1]


def focus(shapes: Graph, shape: Node) -> str:
    """A group pattern binding ``?this`` to each focus node of ``shape`` once."""
    parts = [f"{{ ?this {SUBCLASS} {c.n3()} }}" for c in shapes.objects(shape, SH.targetClass)]
    parts += [f"{{ ?this {p.n3()} [] }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    others = {SH.targetNode, SH.targetObjectsOf, SH.target}
    if not parts or any(shapes.value(shape, p) is not None for p in others) \
            or (shape, RDF.type, RDFS.Class) in shapes:
        raise Unsupported(f"{shape}: targets other than classes or subjects")
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def value_test(shapes: Graph, shape: Node, parameter: Node, x: Node) -> str:
    """An expression that is true when the value ``?v`` breaks the constraint."""
    if parameter == SH["class"]:
        return f"NOT EXISTS {{ ?v {SUBCLASS} {x.n3()} }}"
    if parameter == SH.datatype and x in PLAIN:
        return f"(!isLiteral(?v) || !sameTerm(datatype(?v), {x.n3()}))"
    if parameter == SH.datatype and x in CASTS:
        return (f"(!isLiteral(?v) || !sameTerm(datatype(?v), {x.n3()}) || "
                f"!COALESCE(isLiteral({x.n3()}(STR(?v))), false))")
    if parameter == SH.nodeKind and x in NODE_KINDS:
        return NODE_KINDS[x]
    if parameter == SH.pattern:
        flags = shapes.value(shape, SH.flags)
        extra = f", {flags.n3()}" if flags is not None else ""
        return f"(isBlank(?v) || !REGEX(STR(?v), {x.n3()}{extra}))"
    if parameter in (SH.minLength, SH.maxLength) and isinstance(x, Literal):
        compare = "<" if parameter == SH.minLength else ">"
        return f"(isBlank(?v) || STRLEN(STR(?v)) {compare} {int(x)})"
    if parameter == SH["in"]:
        return "!(" + " || ".join(f"sameTerm(?v, {constant(i)})"
                                  for i in Collection(shapes, x)) + ")"
    if parameter in COMPARISONS:
        return f"!COALESCE(?v {COMPARISONS[parameter]} {constant(x)}, false)"
    if parameter == SH["or"]:
        return " && ".join(f"({_value_shape(shapes, alt)})" for alt in Collection(shapes, x))
    raise Unsupported(f"{shape}: {parameter}")


def _value_shape(shapes: Graph, shape: Node) -> str:
    """True when ``?v`` breaks the shape: a shape of value tests only."""
    tests = [value_test(shapes, shape, p, x) for p, x in shapes.predicate_objects(shape)
             if p not in ANNOTATIONS and p != SH.flags]
    if not tests or shapes.value(shape, SH.path) is not None:
        raise Unsupported(f"{shape} is not a shape of value tests")
    return " || ".join(tests)


def _path(shapes: Graph, shape: Node) -> str:
    path = shapes.value(shape, SH.path)
    if not isinstance(path, URIRef):
        raise Unsupported(f"{shape}: path {path}")
    return path.n3()


def constraint_query(shapes: Graph, shape: Node, parameter: Node, x: Node, on: str) -> str:
    """The query of one constraint of a property shape whose focus nodes ``on`` gives."""
    p = _path(shapes, shape)
    if parameter in (SH.minCount, SH.maxCount, SH.qualifiedMinCount, SH.qualifiedMaxCount):
        keep = ""
        if parameter in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
            qualified = shapes.value(shape, SH.qualifiedValueShape)
            if qualified is None or shapes.value(shape, SH.qualifiedValueShapesDisjoint):
                raise Unsupported(f"{shape}: this qualified count")
            keep = f" FILTER (!({_value_shape(shapes, qualified)}))"
        low = parameter in (SH.minCount, SH.qualifiedMinCount)
        values = f"OPTIONAL {{ ?this {p} ?v .{keep} }}" if low else f"?this {p} ?v .{keep}"
        return (f"SELECT ?this WHERE {{ {on} {values} }} GROUP BY ?this "
                f"HAVING (COUNT(DISTINCT ?v) {'<' if low else '>'} {int(str(x))})")
    if parameter == SH.hasValue:
        return f"SELECT ?this WHERE {{ {on} FILTER NOT EXISTS {{ ?this {p} {constant(x)} }} }}"
    if parameter == SH.equals:
        return (f"SELECT DISTINCT ?this ?v WHERE {{ {on} {{ ?this {p} ?v FILTER NOT EXISTS "
                f"{{ ?this {x.n3()} ?v }} }} UNION {{ ?this {x.n3()} ?v FILTER NOT EXISTS "
                f"{{ ?this {p} ?v }} }} }}")
    if parameter in (SH.lessThan, SH.lessThanOrEquals):
        compare = "<" if parameter == SH.lessThan else "<="
        return (f"SELECT DISTINCT ?this ?v ?w WHERE {{ {on} ?this {p} ?v . ?this {x.n3()} ?w "
                f". FILTER (!COALESCE(?v {compare} ?w, false)) }}")
    return (f"SELECT DISTINCT ?this ?v WHERE {{ {on} ?this {p} ?v . "
            f"FILTER ({value_test(shapes, shape, parameter, x)}) }}")


def _requirement(shapes: Graph, alternative: Node, index: int) -> str:
    """True when the focus node meets an alternative of a node shape's ``sh:or``."""
    path = shapes.value(alternative, SH.path)
    rest = {p: x for p, x in shapes.predicate_objects(alternative) if p not in ANNOTATIONS}
    if not isinstance(path, URIRef):
        raise Unsupported(f"{alternative}: path {path}")
    if set(rest) == {SH.hasValue}:
        return f"EXISTS {{ ?this {path.n3()} {constant(rest[SH.hasValue])} }}"
    if rest == {SH.minCount: Literal(1)}:
        return f"EXISTS {{ ?this {path.n3()} ?any{index} }}"
    raise Unsupported(f"{alternative}: {sorted(map(str, rest))}")


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for declaring in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(declaring, SH.declare):
            prefix, namespace = (shapes.value(declaration, SH.prefix),
                                 shapes.value(declaration, SH.namespace))
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines)


def _node_checks(shapes: Graph, shape: Node, on: str, rest: Graph) -> list[SparqlCheck]:
    """The node shape's own constraints (sh:or, sh:sparql) that compile; each compiled one
    is taken out of ``rest``."""
    checks = []
    severity = _severity(shapes, shape)
    for alternatives in shapes.objects(shape, SH["or"]):
        try:
            met = [_requirement(shapes, a, i) for i, a in enumerate(Collection(shapes,
                                                                               alternatives))]
            message = english(shapes, shape, SH.message)
        except Unsupported:
            continue
        query = f"SELECT ?this WHERE {{ {on} FILTER (!({' || '.join(met)})) }}"
        checks.append(SparqlCheck(str(shape), severity, message, None, query))
        rest.remove((shape, SH["or"], alternatives))
    for constraint in shapes.objects(shape, SH.sparql):
        select = shapes.value(constraint, SH.select)
        if select is None or shapes.value(constraint, SH.deactivated) is not None:
            continue
        query = (f"{_prefixes(shapes, constraint)}\nSELECT DISTINCT ?this ?value WHERE {{\n"
                 f"{on}\n{{ {select} }}\n}}")
        checks.append(SparqlCheck(str(shape), severity, english(shapes, constraint, SH.message),
                                  None, query))
        rest.remove((shape, SH.sparql, constraint))
    return checks


def _property_checks(shapes: Graph, shape: Node, member: Node, on: str, rest: Graph
                     ) -> list[SparqlCheck]:
    """The constraints of a property shape that compile, each taken out of ``rest``; the
    property shape itself leaves ``rest`` once none of its constraints is left there."""
    try:
        path, message = str(shapes.value(member, SH.path)), english(shapes, member, SH.message)
        _path(shapes, member)
    except Unsupported:
        return []
    if shapes.value(member, SH.deactivated) is not None:
        return []
    checks = []
    for parameter, x in shapes.predicate_objects(member):
        if parameter in ANNOTATIONS or parameter in (SH.flags, SH.qualifiedValueShape):
            continue
        severity, datatype = _severity(shapes, member), None
        try:
            query = constraint_query(shapes, member, parameter, x, on)
        except Unsupported:
            if parameter != SH.datatype or not str(x).startswith(str(XSD)):
                continue
            query, datatype = f"SELECT ?this WHERE {{ {on} }}", str(x)
        checks.append(SparqlCheck(str(member), severity, message, path, query, datatype))
        rest.remove((member, parameter, x))
    left = {p for p in rest.predicates(member) if p not in ANNOTATIONS and p != SH.flags}
    if not left & {SH.qualifiedMinCount, SH.qualifiedMaxCount}:
        rest.remove((member, SH.qualifiedValueShape, None))
        left.discard(SH.qualifiedValueShape)
    if not left:
        rest.remove((shape, SH.property, member))
    return checks


def constrains(rest: Graph) -> bool:
    """Whether a node shape with a target still has a constraint for pySHACL."""
    targets = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode,
               SH.target}
    return any(set(rest.predicates(shape)) - ANNOTATIONS - targets - {SH.deactivated}
               for shape in set(rest.subjects(RDF.type, SH.NodeShape))
               if set(rest.predicates(shape)) & targets)


def compile_shapes(shapes: Graph) -> tuple[Graph, list[SparqlCheck]]:
    """The checks compiled from ``shapes``, and what is left for pySHACL."""
    rest = Graph()
    rest += shapes
    checks: list[SparqlCheck] = []
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        if shapes.value(shape, SH.deactivated) is not None:
            continue
        try:
            on = focus(shapes, shape)
        except Unsupported:
            continue
        checks += _node_checks(shapes, shape, on, rest)
        for member in shapes.objects(shape, SH.property):
            checks += _property_checks(shapes, shape, member, on, rest)
    return rest, checks
