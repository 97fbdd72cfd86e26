#!/usr/bin/env python3
"""Prints BENCHMARKS.md's tables from a JMH JSON result (benchmarks/run.sh writes it).

Usage: python3 benchmarks/table.py benchmarks/target/results/warm.json
"""
import json
import sys


def load(path):
    rows = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)
        key = (name[-2], name[-1], r.get("params", {}).get("body", ""))
        m = r["primaryMetric"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        # Auxiliary counters (peak threads, extrapolated time) are summed over iterations and forks.
        n = max(1, r.get("measurementIterations", 1)) * max(1, r.get("forks", 1))
        extra = {k.split(":")[-1]: v["score"] / n for k, v in r.get("secondaryMetrics", {}).items()
                 if not k.startswith("gc.")}
        rows[key] = (m["score"], m["scoreError"], m["scoreUnit"], alloc, extra)
    return rows


def t(v):
    score, err, unit, alloc, _ = v
    unit = unit.replace("/op", "")
    return f"{score:,.0f} {unit} ±{err:,.0f}"


def a(v):
    alloc = v[3]
    if alloc is None:
        return "—"
    return f"{alloc / 1024:,.1f} KB" if alloc >= 1024 else f"{alloc:,.0f} B"


def main(path):
    rows = load(path)
    get = lambda c, m, b="": rows.get((c, m, b))
    print("### Decoding a JSON body (`JsonDecodeBenchmark`)\n")
    print("| body | token pass (floor) | `readTree` | Zalando Problem | SDK `decode` | decode / token pass | decode / readTree |")
    print("|---|---|---|---|---|---|---|")
    for b in ["problem_1k", "oauth_255", "code_message_48", "problem_64k_500", "status_error", "message_description"]:
        tp, rt, zp, sd = (get("JsonDecodeBenchmark", m, b) for m in ["tokenPass", "readTree", "zalandoProblem", "sdkDecode"])
        if not all([tp, rt, zp, sd]):
            continue
        print(f"| {b} | {t(tp)}, {a(tp)} | {t(rt)}, {a(rt)} | {t(zp)}, {a(zp)} | {t(sd)}, {a(sd)} "
              f"| {sd[0] / tp[0]:.2f}x | {sd[0] / rt[0]:.2f}x |")
    print("\n### Decoding a text body (`TextDecodeBenchmark`)\n")
    print("| body | `new String(bytes, UTF_8)` (floor) | SDK `decode` | ratio |")
    print("|---|---|---|---|")
    for b in ["nginx_html_2k", "plain_text", "text_64k"]:
        fl, sd = get("TextDecodeBenchmark", "utf8String", b), get("TextDecodeBenchmark", "sdkDecode", b)
        if fl and sd:
            print(f"| {b} | {t(fl)}, {a(fl)} | {t(sd)}, {a(sd)} | {sd[0] / fl[0]:.1f}x |")
    print("\n### One error call through the interceptor (`ErrorPathBenchmark`, `BigBodyBenchmark`)\n")
    print("Two installs: `addTo`, the recommended one (`sdkPerCallAddTo`, every body), and a plain")
    print("`addInterceptor` (`sdkPerCall`, three bodies). Ratios and allocation are of each, `addTo` first,")
    print("less what the harness costs without the SDK (`harnessOnly`: the stub's fresh response, closed unread).\n")
    print("| body | bytes | SDK per call, `addTo` | SDK per call, `addInterceptor` | harness alone | `ApiException.of` alone "
          "| `readTree` + exception | time net / (readTree + exception) | allocation net | target 2 KB + 2x bytes |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    sizes = {"problem_1k": 1024, "oauth_255": 255, "code_message_48": 48, "problem_64k_500": 64092, "nginx_html_2k": 2048}
    for b, n in sizes.items():
        at, pc = get("ErrorPathBenchmark", "sdkPerCallAddTo", b), get("ErrorPathBenchmark", "sdkPerCall", b)
        ex, hn = get("ErrorPathBenchmark", "exceptionOnly", b), get("ErrorPathBenchmark", "harnessOnly", b)
        rt = get("JsonDecodeBenchmark", "readTree", b)
        if not (at and ex and hn):
            continue
        calls = [c for c in (at, pc) if c]
        base = f"{rt[0] + ex[0]:,.0f} ns" if rt else "—"
        ratio = " / ".join(f"{(c[0] - hn[0]) / (rt[0] + ex[0]):.2f}x" for c in calls) if rt else "—"
        target = 2048 + 2 * n
        net = [c[3] - hn[3] for c in calls if c[3] is not None and hn[3] is not None]
        alloc = " / ".join(f"{x / 1024:,.1f} KB" for x in net)
        met = " / ".join("met" if x <= target else "missed" for x in net)
        plain = f"{t(pc)}, {a(pc)}" if pc else "—"
        print(f"| {b} | {n:,} | {t(at)}, {a(at)} | {plain} | {t(hn)}, {a(hn)} | {t(ex)}, {a(ex)} | {base} | {ratio} "
              f"| {alloc} | {target / 1024:,.1f} KB: {met} |")
    for b in ["json_256k", "json_100m"]:
        pc = get("BigBodyBenchmark", "sdkPerCall", b)
        if pc:
            print(f"| {b} (limit 256 KiB) | 262,144 read | — | {t(pc)}, {a(pc)} | | | | | | 2.5x the body: {pc[3] / 262144:.2f}x |")
    print("\n### Success path (`SuccessPathBenchmark`)\n")
    print("| benchmark | time | allocation |")
    print("|---|---|---|")
    for m in ["stubDirect", "stubSdk", "stubSdkRetry", "stubSdkAddTo", "stubSdkAddToRetry", "clientNoSdk", "clientSdk", "clientSdkRetry"]:
        v = get("SuccessPathBenchmark", m)
        if v:
            print(f"| {m} | {v[0]:,.1f} ns ±{v[1]:,.1f} | {a(v)} |")
    print("\n### Storm (`StormBenchmark`, 1,000 calls: 429 `Retry-After: 1`, then 200)\n")
    print("| benchmark | wall time | extrapolated to 1,000 calls | peak threads (over the JVM's before) |")
    print("|---|---|---|---|")
    for m in ["sdkAsync", "naiveReenqueue", "sdkBlockingCapped"]:
        v = get("StormBenchmark", m)
        if v:
            print(f"| {m} | {t(v)} | {v[4].get('extrapolatedMs', 0):,.0f} ms | {v[4].get('peakThreads', 0):,.0f} |")


if __name__ == "__main__":
    main(sys.argv[1])
