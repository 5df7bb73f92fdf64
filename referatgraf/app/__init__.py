"""The application layer: one library function per job, each taking a small frozen options
dataclass and a :class:`~referatgraf.app.progress.Reporter`; the CLI, tests and benchmarks
call the same functions.

==========================  ==================================================
:mod:`.fetch`               a FirstAgenda portal's meetings → a folder of JSON
:mod:`.extract`             minutes files → JSON extraction records
:mod:`.evaluate`            records scored against gold records
:mod:`.profile`             a draft municipality profile from the minutes
:mod:`.build`               minutes → graph store (+ search index), incremental
:mod:`.query`               saved / file / inline SPARQL on the store
:mod:`.export`              the store as one RDF file; SHACL validation
:mod:`.analyze`             network analytics → CSV, JSON, Markdown, GraphML
:mod:`.maps`                one offline interactive map
:mod:`.report`              the static report site
:mod:`.search`              full-text search of agenda items
:mod:`.demo`                every stage on the bundled sample corpus
:mod:`.serve`               the SPARQL endpoint and editor, until stopped
:mod:`.push`                the store's graphs to another SPARQL server
:mod:`.filters`             filter values checked against the store
==========================  ==================================================
"""
