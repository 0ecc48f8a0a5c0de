package io.courtside;

import io.courtside.cli.CourtsideCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CourtsideApplication {

    public static void main(String[] args) {
        if (CourtsideCli.handles(args)) {
            // A client command: talk to a running service, start nothing here.
            System.exit(new CourtsideCli(System.out, System.err).run(args));
        }
        SpringApplication.run(CourtsideApplication.class, args);
    }
}
