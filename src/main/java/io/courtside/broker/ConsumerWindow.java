package io.courtside.broker;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.DelegatingConnectionFactory;

/**
 * Sets the Artemis consumer window (prefetch) of the app's connection factory, embedded or external alike.
 * At 0 a busy worker holds no queued jobs: each job goes to a worker with a free slot, which Artemis's default
 * of buffering up to 1 MiB of messages per consumer would not guarantee.
 */
@Configuration
public class ConsumerWindow {

    @Bean
    static BeanPostProcessor artemisConsumerWindow(org.springframework.core.env.Environment environment) {
        int window = environment.getProperty("courtside.broker.consumer-window-size", Integer.class, 0);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (unwrap(bean) instanceof ActiveMQConnectionFactory artemis) {
                    artemis.setConsumerWindowSize(window);
                }
                return bean;
            }
        };
    }

    /** The connection factory a Spring caching or delegating factory wraps, else the bean itself. */
    static Object unwrap(Object bean) {
        if (bean instanceof CachingConnectionFactory caching) {
            return caching.getTargetConnectionFactory();
        }
        if (bean instanceof DelegatingConnectionFactory delegating) {
            return delegating.getTargetConnectionFactory();
        }
        return bean;
    }
}
