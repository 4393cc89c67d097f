package io.baobei;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Baobei 客户报备: customer registration for sales teams on Camunda Platform 7. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BaobeiApplication {

    public static void main(String[] args) {
        SpringApplication.run(BaobeiApplication.class, args);
    }
}
