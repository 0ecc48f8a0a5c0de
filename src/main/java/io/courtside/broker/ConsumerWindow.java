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
                Object target = bean;
                if (target instanceof CachingConnectionFactory caching) {
                    target = caching.getTargetConnectionFactory();
                } else if (target instanceof DelegatingConnectionFactory delegating) {
                    target = delegating.getTargetConnectionFactory();
                }
                if (target instanceof ActiveMQConnectionFactory artemis) {
                    artemis.setConsumerWindowSize(window);
                }
                return bean;
            }
        };
    }
}
