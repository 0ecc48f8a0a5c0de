package io.courtside;

import io.courtside.cli.CourtsideCli;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CourtsideApplication {

    public static void main(String[] args) {
        // Decided before Spring starts: help, --version, completion and the client commands start nothing here.
        Optional<String[]> service = CourtsideCli.serviceArguments(args);
        if (service.isEmpty()) {
            System.exit(CourtsideCli.execute(args, System.out, System.err));
        }
        SpringApplication.run(CourtsideApplication.class, service.get());
    }
}
