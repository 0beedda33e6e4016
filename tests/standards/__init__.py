"""The official definitions of the standards govkit writes, and one validator each.

Each function returns the problems the official definition finds, as short
strings (`/runs/0/tool: 'driver' is a required property`); an empty list is a
conforming document. Nothing here reaches the network: every `$ref` resolves
to a file of this folder, and the SHACL validation imports nothing.
"""

from __future__ import annotations

import functools
import json
import warnings
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT7

STANDARDS = Path(__file__).parent


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def _validator(folder: str, name: str) -> jsonschema.protocols.Validator:
    """A validator for `folder/name`, its `$ref`s to sibling files served from the folder."""
    schemas = {p.name: _load(p) for p in sorted((STANDARDS / folder).glob("*.json"))}
    main = schemas[name]
    draft = DRAFT4 if "draft-04" in main.get("$schema", "") else DRAFT7
    base = str(main.get("id") or main.get("$id") or name).split("#")[0]
    prefix = base.rsplit("/", 1)[0] + "/"
    registry: Registry[Any] = Registry()
    for file, schema in schemas.items():
        resource = Resource.from_contents(schema, default_specification=draft)
        registry = registry.with_resources([(prefix + file, resource), (file, resource)])
    cls = jsonschema.validators.validator_for(main)
    return cls(main, registry=registry)  # type: ignore[call-arg]


def _problems(validator: jsonschema.protocols.Validator, document: Any) -> list[str]:
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"/{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"[:300] for e in errors]


def pod_catalog(document: Any, *, federal: bool = False) -> list[str]:
    """Project Open Data v1.1 `catalog.json` (with its `dataset.json`): the federal schema,
    or the non-federal one GSA's validator offers to everyone else (no bureauCode and
    programCode)."""
    folder = "pod-1.1" if federal else "pod-1.1-non-federal"
    return _problems(_validator(folder, "catalog.json"), document)


def sarif(document: Any) -> list[str]:
    """SARIF 2.1.0."""
    return _problems(_validator("sarif-2.1.0", "sarif-schema-2.1.0.json"), document)


def datapackage(document: Any) -> list[str]:
    """Data Package v2 (its resources, schemas and dialects by their own profiles)."""
    return _problems(_validator("datapackage-2.0", "datapackage.json"), document)


@functools.cache
def _junit_schema() -> Any:
    import xmlschema  # noqa: PLC0415 - a test dependency, slow to import

    return xmlschema.XMLSchema(str(STANDARDS / "junit-xunit" / "junit-10.xsd"))


def junit(xml: str) -> list[str]:
    """The JUnit XSD of Jenkins' xUnit plugin."""
    return [f"{e.path}: {e.reason}"[:300] for e in _junit_schema().iter_errors(xml)]


_DCAT_AP = ("dcat-ap-3.0.1/dcat-ap-SHACL.ttl", "dcat-ap-3.0.1/ranges.ttl",
            "dcat-ap-3.0.1/mdr-vocabularies.shape.ttl")  # fmt: skip
_HVD = ("dcat-ap-hvd-3.0.0/hvd-SHACL.ttl",)


@functools.cache
def _shapes(files: tuple[str, ...]) -> Any:
    from rdflib import Graph, Namespace  # noqa: PLC0415

    shapes = Graph()
    for name in files:
        shapes.parse(STANDARDS / name, format="turtle")
    # The published files name five property shapes that neither defines (generated ids of
    # shapes since removed); pyshacl refuses a reference to nothing, and a shape that does
    # not exist constrains nothing, so those references are dropped.
    sh = Namespace("http://www.w3.org/ns/shacl#")
    for node, shape in list(shapes.subject_objects(sh.property)):
        if shapes.value(shape, sh.path) is None:
            shapes.remove((node, sh.property, shape))
    return shapes


def dcat_ap(jsonld: str, *, hvd: bool = False) -> list[str]:
    """DCAT-AP 3.0.1's SHACL shapes (mandatory properties, ranges, controlled vocabularies),
    with the EU authority tables' triples for the concepts govkit uses; with `hvd`, DCAT-AP
    HVD 3.0.0's too (for a document whose every dataset is a high-value one)."""
    from pyshacl import validate  # noqa: PLC0415
    from rdflib import Graph, Namespace  # noqa: PLC0415

    from tests.standards.eu_vocabularies import concepts  # noqa: PLC0415

    with warnings.catch_warnings():
        # rdflib's JSON-LD parser and pyshacl still build a ConjunctiveGraph inside.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        data = Graph().parse(data=jsonld, format="json-ld")
        data += concepts()
        conforms, results, _text = validate(
            data,
            shacl_graph=_shapes(_DCAT_AP + (_HVD if hvd else ())),
            # The HVD shapes ask values to be of class rdfs:Resource, which every resource is
            # under RDFS entailment: they are meant to be applied with it.
            inference="rdfs" if hvd else "none",
        )
    if conforms:
        return []
    sh = Namespace("http://www.w3.org/ns/shacl#")
    problems = []
    # The report's own results only: a result's sh:detail (why a nested sh:node failed)
    # carries the nested shape's severity, not the severity the outer constraint declares.
    for result in results.objects(None, sh.result):
        if results.value(result, sh.resultSeverity) != sh.Violation:
            continue
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        message = results.value(result, sh.resultMessage)
        problems.append(f"{focus} {path}: {message}"[:300])
    return sorted(problems)
