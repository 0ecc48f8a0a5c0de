package io.courtside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CourtsideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CourtsideApplication.class, args);
    }
}
