package io.courtside.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The two dead-letter queues an operator looks after: {@code DLQ}, jobs the broker gave up delivering, and
 * {@code <callbacks>.DLQ}, callbacks that never got through. Messages can be listed and replayed.
 */
@Component
public class DeadLetters {

    public enum Kind { Jobs, Callbacks }

    /** A dead message: its id, the job it is about, where it came from, when it was first sent. */
    public record DeadLetter(String messageId, String jobId, String originalQueue, Instant sentTime) {
    }

    private static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    private final JmsTemplate jms;
    // Replay takes the message off the dead-letter queue and sends it on in one local transaction.
    private final JmsTemplate transacted;
    private final QueueProperties queues;

    public DeadLetters(JmsTemplate jms, jakarta.jms.ConnectionFactory connections, QueueProperties queueProperties) {
        this.jms = jms;
        this.transacted = new JmsTemplate(connections);
        this.transacted.setSessionTransacted(true);
        this.queues = queueProperties;
    }

    public List<DeadLetter> list(Kind kind, int max) {
        return jms.browse(deadLetterQueue(kind), (session, browser) -> {
            List<DeadLetter> letters = new ArrayList<>();
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements() && letters.size() < max) {
                letters.add(describe(kind, (Message) messages.nextElement()));
            }
            return letters;
        });
    }

    /** Moves one dead message back to the queue it came from, in one broker transaction; empty if none such. */
    public Optional<DeadLetter> replay(Kind kind, String messageId) {
        return Optional.ofNullable(transacted.execute(session -> {
            Queue from = session.createQueue(deadLetterQueue(kind));
            try (MessageConsumer consumer = session.createConsumer(from,
                    "JMSMessageID = '" + messageId.replace("'", "''") + "'")) {
                Message message = consumer.receive(2000);
                if (message == null) {
                    return null;
                }
                DeadLetter letter = describe(kind, message);
                try (MessageProducer producer = session.createProducer(session.createQueue(letter.originalQueue()))) {
                    producer.send(session.createTextMessage(letter.jobId()));
                }
                session.commit();
                return letter;
            }
        }, true));
    }

    private DeadLetter describe(Kind kind, Message message) throws JMSException {
        String original = message.getStringProperty(ORIGINAL_ADDRESS);
        if (original == null) {
            original = kind == Kind.Jobs ? queues.jobs() : queues.callbacks();
        }
        String body = message instanceof TextMessage text ? text.getText() : message.getBody(String.class);
        return new DeadLetter(message.getJMSMessageID(), body, original, Instant.ofEpochMilli(message.getJMSTimestamp()));
    }

    private String deadLetterQueue(Kind kind) {
        return kind == Kind.Jobs ? EmbeddedBrokerConfig.DEAD_LETTER_QUEUE : queues.callbacks() + ".DLQ";
    }
}
