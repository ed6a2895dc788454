#!/usr/bin/env bash
# Builds every image the container form and the compose file run, here, from Debian's packages and this
# checkout, without pulling anything:
#   localhost/patternquality-base        Debian minbase, the .NET runtime's dependencies, the user app (1654)
#   localhost/patternquality-migrator    \
#   localhost/patternquality-backfill     > dotnet publish -t:PublishContainer on that base (self-contained)
#   localhost/patternquality-api         /
#   localhost/patternquality-localqdrant  the same for PatternQuality.LocalQdrant: a stand-in for Qdrant, not Qdrant
#   localhost/patternquality-postgres     Debian's postgresql-15 with our entrypoint: a stand-in for the official image
# Each image is tagged with a hash of what it is built from, so a second build with nothing changed reuses
# them. The last lines are the settings that use them, KEY=VALUE (an env file for compose, and the AppHost's).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
registry=localhost
app_uid=1654
suite=bookworm

say() { printf '== %s\n' "$*" >&2; }
fail() { printf 'deploy/images/build.sh: %s\n' "$*" >&2; exit 1; }

# One build at a time (two test assemblies, two terminals): a second waits for the first, then reuses what it built.
exec 9>"${TMPDIR:-/tmp}/patternquality-images.lock"
flock 9

command -v docker >/dev/null || fail "no docker client on PATH (Debian: apt-get install docker.io)"
docker info >/dev/null 2>&1 || fail "no Docker engine answers at ${DOCKER_HOST:-the default socket}; start dockerd, or point DOCKER_HOST at one"
command -v mmdebstrap >/dev/null || fail "mmdebstrap is missing (Debian: apt-get install mmdebstrap)"
command -v docker-registry >/dev/null || fail "docker-registry is missing (Debian: apt-get install docker-registry)"

# A hash of the files an image is made from (tracked or new, ignored ones left out), as a tag.
content_key() {
    (cd "$root" && git ls-files -co --exclude-standard -z -- "$@" | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)
}

revision=$(cd "$root" && git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ -n "$(cd "$root" && git status --porcelain 2>/dev/null)" ]; then revision="$revision-dirty"; fi

has_image() { docker image inspect "$1" >/dev/null 2>&1; }

base_tag=$(content_key deploy/images/build.sh)
base_image=$registry/patternquality-base:$base_tag
postgres_tag=$(content_key deploy/images/build.sh deploy/images/postgres)
postgres_image=$registry/patternquality-postgres:$postgres_tag
tag=$(content_key deploy/images/build.sh Directory.Build.props Directory.Packages.props global.json \
    PatternQuality.Contracts PatternQuality.Protobuf PatternQuality.ServiceDefaults PatternQuality.Migrator PatternQuality.Backfill PatternQuality.Api \
    PatternQuality.LocalQdrant)
services=(Migrator Backfill Api LocalQdrant)
image_of() { echo "$registry/patternquality-${1,,}:$tag"; }

work=$(mktemp -d)
registry_pid=
cleanup() {
    if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

if has_image "$base_image"; then
    say "reusing $base_image"
else
    say "building $base_image (mmdebstrap $suite)"
    # libgssapi-krb5-2: Npgsql probes GSSAPI encryption on each connection and, without it, prints a load failure.
    mmdebstrap --quiet --variant=minbase --include=libicu72,libssl3,libgssapi-krb5-2,ca-certificates,tzdata \
        --customize-hook="chroot \"\$1\" useradd --uid $app_uid --user-group --create-home --shell /usr/sbin/nologin app" \
        "$suite" "$work/base.tar"
    docker import --change "ENV APP_UID=$app_uid" --change "USER $app_uid" --change "WORKDIR /home/app" \
        --change "LABEL com.patternquality.base.title=\"patternquality-base\"" \
        --change "LABEL com.patternquality.base.description=\"Debian $suite minbase with the .NET runtime's dependencies and the user app ($app_uid)\"" \
        --change "LABEL org.opencontainers.image.revision=\"$revision\"" \
        "$work/base.tar" "$base_image" >/dev/null
    rm -f "$work/base.tar"
fi

if has_image "$postgres_image"; then
    say "reusing $postgres_image"
else
    say "building $postgres_image (mmdebstrap $suite, postgresql-15)"
    mmdebstrap --quiet --variant=minbase --include=postgresql-15 \
        --customize-hook="copy-in '$here/postgres/entrypoint.sh' /usr/local/bin" \
        --customize-hook='chroot "$1" sh -c "pg_dropcluster 15 main 2>/dev/null; rm -rf /var/lib/postgresql/15; mkdir -p /var/run/postgresql; chown postgres:postgres /var/run/postgresql /var/lib/postgresql"' \
        --customize-hook="chroot \"\$1\" dpkg-query -W -f '\${Version}' postgresql-15 > '$work/postgres-version'" \
        "$suite" "$work/postgres.tar"
    postgres_version=$(cat "$work/postgres-version" 2>/dev/null || echo 15)
    # No VOLUME: Aspire mounts /var/lib/postgresql/data and compose /var/lib/postgresql; a declared volume at either
    # would, under the other's mount, be an anonymous volume that hides the data and is lost with the container.
    docker import --change "ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
        --change "ENV PGDATA=/var/lib/postgresql/data" \
        --change "EXPOSE 5432" \
        --change 'ENTRYPOINT ["bash", "/usr/local/bin/entrypoint.sh"]' --change 'CMD ["postgres"]' \
        --change "LABEL org.opencontainers.image.title=\"patternquality-postgres\"" \
        --change "LABEL org.opencontainers.image.description=\"A stand-in for the official postgres image, not it: Debian's postgresql-15 with PatternQuality's entrypoint\"" \
        --change "LABEL org.opencontainers.image.version=\"$postgres_version\"" \
        --change "LABEL org.opencontainers.image.revision=\"$revision\"" \
        "$work/postgres.tar" "$postgres_image" >/dev/null
    rm -f "$work/postgres.tar"
fi

missing=()
for service in "${services[@]}"; do has_image "$(image_of "$service")" || missing+=("$service"); done
if [ "${#missing[@]}" -eq 0 ]; then
    say "reusing the services' images at tag $tag"
else
    # The SDK reads its base image from a registry, not from the engine: a registry of our own, for this build only.
    # Below Linux's ephemeral range (32768 up): a port a client connection holds refuses connections yet cannot be bound.
    port=
    for candidate in $(shuf -i 20000-32000 -n 50); do
        if ! (: > "/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
    done
    [ -n "$port" ] || fail "no free port for the build's registry"
    cat > "$work/registry.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
log:
  level: error
YAML
    docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
    registry_pid=$!
    for _ in $(seq 50); do (: > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    (: > "/dev/tcp/127.0.0.1/$port") 2>/dev/null || fail "the build's registry did not start: $(tail -1 "$work/registry.log")"

    pushed_base=127.0.0.1:$port/patternquality-base:$base_tag
    docker tag "$base_image" "$pushed_base"
    docker push --quiet "$pushed_base" >/dev/null
    docker image rm "$pushed_base" >/dev/null
    for service in "${missing[@]}"; do
        say "building $(image_of "$service") (dotnet publish -t:PublishContainer)"
        DOTNET_CONTAINER_INSECURE_REGISTRIES=127.0.0.1:$port dotnet publish "$root/PatternQuality.$service" \
            -c Release -r linux-x64 --self-contained -t:PublishContainer --nologo -v quiet \
            -p:ContainerBaseImage="$pushed_base" -p:ContainerRepository="$registry/patternquality-${service,,}" \
            -p:ContainerImageTag="$tag" -p:SourceRevisionId="$revision" >&2 \
            || fail "dotnet publish of PatternQuality.$service failed (above)"
    done
fi

say "images ready"
echo "AppHost__Images__postgres=$postgres_image"
echo "AppHost__Images__qdrant=$(image_of LocalQdrant)"
echo "POSTGRES_IMAGE=$postgres_image"
echo "QDRANT_IMAGE=$(image_of LocalQdrant)"
echo "PATTERNQUALITY_REGISTRY=$registry"
echo "PATTERNQUALITY_TAG=$tag"
