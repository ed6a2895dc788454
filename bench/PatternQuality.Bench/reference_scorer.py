"""The reference scoring rules of shared/scoring/SCORING.md, written plainly in Python as the
original service computed them: the baseline the .NET scorer is measured against.
Usage: reference_scorer.py PATTERNS.json  ->  prints "<patterns per second> <sum of composites>"."""
import json
import re
import sys
import time

ANNOTATION = re.compile(r":\s*\w+|\s*->\s*\w+")
SIGNATURES = {
    "effect": "async def execute_effect",
    "compute": "async def execute_compute",
    "reducer": "async def execute_reduction",
    "orchestrator": "async def execute_orchestration",
}


def completeness(code):
    if not code:
        return 0.0
    score = 1.0
    for marker in ("pass", "TODO", "NotImplemented", "...", "raise NotImplementedError"):
        if marker in code:
            score -= 0.2
    if any(k in code for k in ("if ", "for ", "while ", "async def ", "class ")):
        score += 0.1
    if "import " in code:
        score += 0.05
    score += min(0.15, len(code.split("\n")) / 100)
    return max(0.0, min(1.0, score))


def documentation(code, text):
    if not code and not text:
        return 0.0
    score = 0.0
    if '"""' in code or "'''" in code:
        score += 0.4
    score += min(0.2, sum(1 for line in code.split("\n") if "#" in line) / 20)
    if ANNOTATION.search(code):
        score += 0.2
    if len(text) > 100:
        score += 0.2
    return min(1.0, score)


def onex(node_type, name, code):
    if not node_type:
        return 0.5 if any(k in name for k in ("Effect", "Compute", "Reducer", "Orchestrator")) else 0.3
    score = 0.7
    lowered = node_type.lower()
    if lowered in name.lower():
        score += 0.15
    signature = SIGNATURES.get(lowered)
    if signature and signature in code:
        score += 0.15
    return min(1.0, score)


def richness(use_cases, examples, metadata):
    score = 0.0
    if use_cases:
        score += min(0.4, len(use_cases) / 3 * 0.4)
    if examples:
        score += min(0.3, len(examples) / 2 * 0.3)
    if len(metadata) > 3:
        score += 0.3
    return min(1.0, score)


def complexity(code, declared):
    if not code:
        return 0.4
    k = code.count("if ") + code.count("for ") + code.count("while ") + code.count("except ")
    actual = "low" if k < 3 else "medium" if k < 8 else "high"
    if not declared:
        return 0.4
    return 1.0 if declared.lower() == actual else 0.6


def score(p):
    code, text, metadata = p["code"], p["text"], p["metadata"] or {}
    return (0.30 * completeness(code) + 0.25 * documentation(code, text) + 0.20 * onex(p["node_type"], p["pattern_name"], code)
            + 0.15 * richness(p["use_cases"], p["examples"], metadata) + 0.10 * complexity(code, metadata.get("complexity")))


patterns = json.load(open(sys.argv[1]))
total = sum(score(p) for p in patterns)  # warm-up
start = time.perf_counter()
total = sum(score(p) for p in patterns)
elapsed = time.perf_counter() - start
print(f"{len(patterns) / elapsed:.1f} {total:.6f}")
