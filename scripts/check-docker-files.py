#!/usr/bin/env python3
"""Checks the docker files without a Docker engine (none runs where Liaison is built).

    scripts/check-docker-files.py [--compose FILE] [--dockerfile FILE] [--root DIR]

compose.yaml: seven services, one per office, each naming the other six as peers (LIAISON_PEERS)
with a token for each (LIAISON_PEER_TOKEN_<NAME>), distinct offices, host ports and volumes,
every volume declared, and every ${VAR} defined in a .env made by docker/gen-env.sh (run into a
temporary directory). Dockerfile: stages exist, each COPY --from names an earlier stage, and each
path COPY takes from the repository exists. Prints each problem and exits 1 if there is any.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

import yaml

OFFICES = ["new-delhi", "mumbai", "chennai", "kolkata", "hyderabad", "bengaluru", "ahmedabad"]
VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?+-][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)")


def env_name(city):
    return city.upper().replace("-", "_")


def generated_env(root):
    """Runs docker/gen-env.sh into a temporary directory and returns the variables it defines."""
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, ".env")
        subprocess.run(["sh", os.path.join(root, "docker", "gen-env.sh"), target], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        mode = os.stat(target).st_mode & 0o777
        values = {}
        with open(target) as handle:
            for line in handle:
                line = line.strip()
                if line and not line.startswith("#") and "=" in line:
                    key, value = line.split("=", 1)
                    values[key] = value
        return values, mode


def check_compose(path, root, problems):
    with open(path) as handle:
        compose = yaml.safe_load(handle)
    services = compose.get("services") or {}
    declared_volumes = set((compose.get("volumes") or {}).keys())
    env, mode = generated_env(root)
    if mode & 0o077:
        problems.append(f"gen-env.sh: .env is readable by others (mode {mode:o})")
    for city in OFFICES:
        for prefix in ("TOKEN_", "ADMIN_TOKEN_"):
            value = env.get(prefix + env_name(city), "")
            if len(value) < 32:
                problems.append(f"gen-env.sh: {prefix}{env_name(city)} missing or shorter than 32 characters")
    if len(set(env.values())) != len(env):
        problems.append("gen-env.sh: two tokens are equal")

    offices, ports, volumes = {}, {}, {}
    for name, service in services.items():
        service = service or {}
        environment = service.get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.split("=", 1) if "=" in item else (item, "") for item in environment)
        office = str(environment.get("LIAISON_OFFICE", ""))
        if office not in OFFICES:
            problems.append(f"{name}: LIAISON_OFFICE {office!r} is not an office ({', '.join(OFFICES)})")
        elif office in offices:
            problems.append(f"{name}: office {office} is also {offices[office]}'s")
        else:
            offices[office] = name
        for port in service.get("ports") or []:
            host = str(port).rsplit(":", 1)[0] if ":" in str(port) else None
            if host is None:
                problems.append(f"{name}: port {port!r} publishes no fixed host port")
                continue
            if host in ports:
                problems.append(f"{name}: host port {host} is also {ports[host]}'s")
            ports[host] = name
        if not service.get("ports"):
            problems.append(f"{name}: publishes no port")
        named = [str(v).split(":", 1)[0] for v in service.get("volumes") or [] if ":" in str(v)]
        data_volumes = [str(v) for v in service.get("volumes") or [] if str(v).endswith(":/data")]
        if len(data_volumes) != 1:
            problems.append(f"{name}: needs exactly one volume on /data, has {data_volumes}")
        for volume in named:
            if not volume.startswith((".", "/")):
                if volume not in declared_volumes:
                    problems.append(f"{name}: volume {volume} is not declared under volumes:")
                if volume in volumes:
                    problems.append(f"{name}: volume {volume} is also {volumes[volume]}'s")
                volumes[volume] = name
        peers = {}
        for entry in str(environment.get("LIAISON_PEERS", "")).split(","):
            if "=" in entry:
                peer, url = entry.split("=", 1)
                peers[peer] = url
            elif entry:
                problems.append(f"{name}: LIAISON_PEERS entry {entry!r} is not name=url")
        expected = set(services) - {name}
        for missing in sorted(expected - set(peers)):
            problems.append(f"{name}: does not name {missing} as a peer")
        for extra in sorted(set(peers) - expected):
            problems.append(f"{name}: names {extra} as a peer, which is no service")
        if name in peers:
            problems.append(f"{name}: names itself as a peer")
        for peer, url in peers.items():
            if not re.match(rf"^https?://{re.escape(peer)}:\d+$", url):
                problems.append(f"{name}: peer {peer} URL {url!r} is not http(s)://{peer}:PORT")
            if f"LIAISON_PEER_TOKEN_{env_name(peer)}" not in environment:
                problems.append(f"{name}: no LIAISON_PEER_TOKEN_{env_name(peer)} for peer {peer}")
        for own in ("LIAISON_PEER_TOKEN", "LIAISON_ADMIN_TOKEN"):
            if own not in environment:
                problems.append(f"{name}: no {own}")
        for key, value in environment.items():
            for match in VAR.finditer(str(value)):
                variable = match.group(1) or match.group(2)
                if variable not in env:
                    problems.append(f"{name}: {key} uses ${{{variable}}}, which gen-env.sh does not define")
        token_vars = {m.group(1) or m.group(2) for k, v in environment.items() if k.startswith("LIAISON_PEER_TOKEN_")
                      for m in VAR.finditer(str(v))}
        for peer in peers:
            wanted = f"TOKEN_{env_name(peer)}"
            value = str(environment.get(f"LIAISON_PEER_TOKEN_{env_name(peer)}", ""))
            if wanted not in {m.group(1) or m.group(2) for m in VAR.finditer(value)}:
                problems.append(f"{name}: the token for {peer} is not ${{{wanted}}} (the token {peer} accepts)")
        own = {m.group(1) or m.group(2) for m in VAR.finditer(str(environment.get("LIAISON_PEER_TOKEN", "")))}
        if office in OFFICES and f"TOKEN_{env_name(office)}" not in own:
            problems.append(f"{name}: LIAISON_PEER_TOKEN is not ${{TOKEN_{env_name(office)}}}")
        del token_vars
    for office in OFFICES:
        if office not in offices:
            problems.append(f"compose: no service for office {office}")


def dockerfile_instructions(path):
    """The Dockerfile's instructions as (line number, keyword, arguments), continuation lines joined."""
    instructions, buffer, start = [], "", 0
    with open(path) as handle:
        for number, line in enumerate(handle, 1):
            stripped = line.strip()
            if not buffer and (not stripped or stripped.startswith("#")):
                continue
            if not buffer:
                start = number
            if stripped.endswith("\\"):
                buffer += stripped[:-1] + " "
                continue
            buffer += stripped
            keyword, _, rest = buffer.partition(" ")
            instructions.append((start, keyword.upper(), rest.strip()))
            buffer = ""
    return instructions


def check_dockerfile(path, root, problems):
    stages = []
    has = set()
    for number, keyword, rest in dockerfile_instructions(path):
        place = f"{os.path.relpath(path, root)} line {number}"
        has.add(keyword)
        if keyword == "FROM":
            words = rest.split()
            if len(words) >= 3 and words[1].upper() == "AS":
                stages.append(words[2])
            else:
                stages.append(None)
        elif keyword == "COPY":
            if not stages:
                problems.append(f"{place}: COPY before any FROM")
            words = [w for w in shlex.split(rest)]
            flags = [w for w in words if w.startswith("--")]
            paths = [w for w in words if not w.startswith("--")]
            if len(paths) < 2:
                problems.append(f"{place}: COPY needs a source and a destination")
                continue
            source_stage = next((f.split("=", 1)[1] for f in flags if f.startswith("--from=")), None)
            if source_stage is not None:
                if source_stage not in [s for s in stages[:-1] if s]:
                    problems.append(f"{place}: COPY --from={source_stage} names no earlier stage ({', '.join(s for s in stages if s)})")
                continue
            for source in paths[:-1]:
                pattern = os.path.join(root, source)
                if any(ch in source for ch in "*?["):
                    import glob
                    optional = source.endswith("*") and not glob.glob(pattern)
                    if not glob.glob(pattern) and not optional:
                        problems.append(f"{place}: COPY {source} matches nothing in the repository")
                elif not os.path.exists(pattern):
                    problems.append(f"{place}: COPY {source}: no such path in the repository")
    if len(stages) < 2:
        problems.append("Dockerfile: expected a build stage and a runtime stage")
    if len([s for s in stages if s]) != len(set(s for s in stages if s)):
        problems.append("Dockerfile: two stages share a name")
    for keyword in ("USER", "VOLUME", "HEALTHCHECK", "ENTRYPOINT"):
        if keyword not in has:
            problems.append(f"Dockerfile: no {keyword}")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=root)
    parser.add_argument("--compose")
    parser.add_argument("--dockerfile")
    arguments = parser.parse_args()
    root = os.path.abspath(arguments.root)
    compose = arguments.compose or os.path.join(root, "compose.yaml")
    dockerfile = arguments.dockerfile or os.path.join(root, "docker", "Dockerfile")
    problems = []
    check_compose(compose, root, problems)
    check_dockerfile(dockerfile, root, problems)
    for path in ("docker/entrypoint.sh", "docker/gen-env.sh"):
        full = os.path.join(root, path)
        if not os.access(full, os.X_OK):
            problems.append(f"{path}: missing or not executable")
        elif subprocess.run(["sh", "-n", full]).returncode != 0:
            problems.append(f"{path}: sh -n finds a syntax error")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the docker files")
        return 1
    print("docker files OK: 7 nodes in a full mesh, distinct offices/ports/volumes, tokens defined, Dockerfile stages and paths exist")
    return 0


if __name__ == "__main__":
    sys.exit(main())
