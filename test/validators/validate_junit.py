"""Validates a JUnit XML file as its consumers read it: the Jenkins xunit plugin's junit-10.xsd
(through xmlschema) and junitparser. Prints a JSON summary; exits 1 with the reasons when refused.

usage: validate_junit.py REPORT.junit.xml JUNIT_XSD
"""
import json
import sys

import xmlschema
from junitparser import JUnitXml


def main(path: str, xsd: str) -> int:
    problems = []
    schema = xmlschema.XMLSchema(xsd)
    problems += [f"xsd: {e.reason} at {e.path}" for e in schema.iter_errors(path)]
    xml = JUnitXml.fromfile(path)
    cases = 0
    outcomes = {"passed": 0, "failure": 0, "error": 0, "skipped": 0}
    for suite in xml:
        for case in suite:
            cases += 1
            if case._elem.get("time") is None:
                problems.append(f"testcase without time: {case.name}")
            if case.is_passed:
                outcomes["passed"] += 1
            for r in case.result:
                outcomes[r._tag] += 1
    print(json.dumps({"suites": len(list(xml)), "cases": cases, "outcomes": outcomes, "problems": problems[:20]}))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
