package io.courtside.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Broker users from configuration, and the generated ones when none are configured. */
class BrokerUsersTest {

    @Test
    void withNoUsersConfiguredOneSubmitterIsGeneratedAndTheInternalPasswordToo() {
        BrokerUsers users = new BrokerUsers("", "courtside-internal", "");
        assertThat(users.submitters()).hasSize(1);
        var generated = users.submitters().entrySet().iterator().next();
        assertThat(generated.getKey()).startsWith("submitter-");
        assertThat(generated.getValue()).hasSize(40);
        assertThat(users.internalPassword()).hasSize(48);
        assertThat(new BrokerUsers("", "courtside-internal", "").internalPassword())
                .as("a new one each run").isNotEqualTo(users.internalPassword());
    }

    @Test
    void configuredUsersAndInternalPasswordAreTaken() {
        BrokerUsers users = new BrokerUsers("alice:a-secret, bob:b:secret", "svc", "given");
        assertThat(users.submitters()).containsEntry("alice", "a-secret").containsEntry("bob", "b:secret").hasSize(2);
        assertThat(users.internalUser()).isEqualTo("svc");
        assertThat(users.internalPassword()).isEqualTo("given");
    }

    @Test
    void malformedUsersAndAClientNamedAsTheServiceAreRefused() {
        assertThatThrownBy(() -> new BrokerUsers("alice", "svc", "")).hasMessageContaining("user:password");
        assertThatThrownBy(() -> new BrokerUsers("alice:", "svc", "")).hasMessageContaining("user:password");
        assertThatThrownBy(() -> new BrokerUsers("svc:pw", "svc", "")).hasMessageContaining("internal-user");
    }
}
