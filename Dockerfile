# The job in the official Flink image of the pom's version (flink.version), on Java 17. One image
# for application mode everywhere: docker-compose.yml runs it on one machine,
# deploy/flink-deployment.yaml with the Flink Kubernetes Operator. Build the jar first:
#   ./mvnw -B -DskipTests package
# DeploymentFilesTest keeps this file consistent with the build.
FROM flink:2.2.1-java17

# Flink's entry points put usrlib/ on the job's classpath (standalone-job) and the operator runs
# local:///opt/flink/usrlib/lead-dedup-job.jar: the job ships inside the image, so an upgrade is a
# new image tag and nothing is uploaded at run time.
COPY --chown=flink:flink job/target/lead-dedup-job.jar /opt/flink/usrlib/lead-dedup-job.jar

# Checkpoints and savepoints on a local volume (docker compose). Flink runs as the image's flink
# user, and Docker copies the mount point's ownership into a fresh named volume: without this the
# volume is root's and the first checkpoint fails. On Kubernetes state goes to an object store.
USER root
RUN mkdir -p /flink-state/checkpoints /flink-state/savepoints \
    && chown -R flink:flink /flink-state
USER flink
