package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaddedup.job.cli.UsageException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which starts the launcher's lock tells apart: the sinks' transactional ids on the same brokers. */
class DeploymentLockTest {

    private final String prefix = "lock-test-" + UUID.randomUUID();

    @Test
    void theSameTransactionalIdOnTheSameBrokersIsRefusedHoweverTheBrokersAreListed() {
        try (DeploymentLock first = DeploymentLock.acquire("b:9092,a:9092", List.of(prefix + "-lead-actions"))) {
            assertThatThrownBy(() -> DeploymentLock.acquire(" A:9092, b:9092", List.of(prefix + "-rejects",
                    prefix + "-lead-actions")))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining(prefix + "-lead-actions-*");
        }
    }

    @Test
    void deploymentsThatShareNoTransactionalIdRunSideBySideAndALockIsFreeAgainOnceClosed() {
        try (DeploymentLock prod = DeploymentLock.acquire("b:9092", List.of(prefix + "-lead-actions"))) {
            assertThatCode(() -> DeploymentLock.acquire("b:9092", List.of(prefix + "-stg-lead-actions")).close())
                    .doesNotThrowAnyException();
            assertThatCode(() -> DeploymentLock.acquire("other:9092", List.of(prefix + "-lead-actions")).close())
                    .doesNotThrowAnyException();
        }
        assertThatCode(() -> DeploymentLock.acquire("b:9092", List.of(prefix + "-lead-actions")).close())
                .doesNotThrowAnyException();
    }
}
