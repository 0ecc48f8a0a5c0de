package io.courtside.job;

import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The dead-letter queue of a split game's parts (courtside.split.dead-letter-queue): range and output messages
 * the broker gave up delivering (they failed, or killed their worker, on every delivery). Each carries its job's
 * id as the JMS property {@value #JOB_PROPERTY}, so the job's worker sees its own dead parts and fails the job
 * instead of waiting for them; the messages stay on the queue for an operator.
 */
@Component
public class SplitDeadLetters {

    /** The JMS property that names a part's job (set by the routes that send ranges and outputs). */
    public static final String JOB_PROPERTY = "CourtsideJobId";

    private final JmsTemplate jms;
    private final SplitProperties split;

    public SplitDeadLetters(JmsTemplate jms, SplitProperties split) {
        this.jms = jms;
        this.split = split;
    }

    /** The bodies of the job's dead part messages, oldest first; empty when none. */
    public List<String> of(String jobId) {
        String selector = JOB_PROPERTY + " = '" + jobId.replace("'", "''") + "'";
        return jms.browseSelected(split.deadLetterQueue(), selector, (session, browser) -> {
            List<String> bodies = new ArrayList<>();
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                bodies.add(message instanceof TextMessage text ? text.getText() : message.getBody(String.class));
            }
            return bodies;
        });
    }

    public String queue() {
        return split.deadLetterQueue();
    }
}
