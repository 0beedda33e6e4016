"""Policy packs: law and committee rules as YAML data with CEL expressions, and their waivers.

`models` is the file format (packs and waivers), `expressions` compiles and evaluates CEL
expressions, `context` turns catalog entries into the plain data rules read,
`pack` loads and compiles one pack, `cases` runs a rule's test cases,
`library` finds the packs a catalog enables, `evaluate` turns rules into
findings and `waivers` suppresses the findings a committee has waived.
"""
