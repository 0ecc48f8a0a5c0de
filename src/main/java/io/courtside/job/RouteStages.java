package io.courtside.job;

import io.courtside.kernel.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.MethodCallExpression;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Checks, when the service starts, that every {@code jobProgress.stage(jobId, 'Name', part, parts)} call in the
 * loaded routes names a {@link Stage}, literally; otherwise the start fails naming the route and the stage, so a
 * typo in a routes/*.camel.yaml file never silently gets the wrong progress range.
 */
@Component
public class RouteStages implements ApplicationListener<ApplicationStartedEvent> {

    private static final Pattern STAGE_CALL = Pattern.compile("^\\s*stage\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

    private final CamelContext camel;

    public RouteStages(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        List<String> wrong = check(camel.getCamelContextExtension().getContextPlugin(ModelCamelContext.class)
                .getRouteDefinitions());
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("The routes name stages that do not exist: " + String.join("; ", wrong)
                    + ". Use one of " + Arrays.toString(Stage.values()) + " (io.courtside.kernel.Stage).");
        }
    }

    /** What is wrong with the stage names in these routes, one entry per call; empty when all are stages. */
    public static List<String> check(List<RouteDefinition> routes) {
        List<String> wrong = new ArrayList<>();
        for (RouteDefinition route : routes) {
            walk(route.getRouteId(), route.getOutputs(), wrong);
        }
        return wrong;
    }

    private static void walk(String routeId, List<ProcessorDefinition<?>> steps, List<String> wrong) {
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof BeanDefinition bean) {
                checkCall(routeId, bean.getRef(), bean.getMethod(), wrong);
            }
            if (step instanceof ExpressionNode node) {
                checkExpression(routeId, node.getExpression(), wrong);
            }
            if (step.getOutputs() != null) {
                walk(routeId, step.getOutputs(), wrong);
            }
            if (step instanceof org.apache.camel.model.ChoiceDefinition choice) {
                choice.getWhenClauses().forEach(when -> {
                    checkExpression(routeId, when.getExpression(), wrong);
                    walk(routeId, when.getOutputs(), wrong);
                });
                if (choice.getOtherwise() != null) {
                    walk(routeId, choice.getOtherwise().getOutputs(), wrong);
                }
            }
        }
    }

    private static void checkExpression(String routeId, ExpressionDefinition expression, List<String> wrong) {
        if (expression instanceof MethodCallExpression call) {
            checkCall(routeId, call.getRef(), call.getMethod(), wrong);
        }
    }

    private static void checkCall(String routeId, String ref, String method, List<String> wrong) {
        if (!"jobProgress".equals(ref) || method == null) {
            return;
        }
        Matcher call = STAGE_CALL.matcher(method);
        if (!call.matches()) {
            return;
        }
        List<String> args = arguments(call.group(1));
        String name = args.size() < 2 ? "" : args.get(1).trim();
        if (!(name.length() >= 2 && name.startsWith("'") && name.endsWith("'"))) {
            wrong.add("route " + routeId + " calls " + method + " without a stage name in quotes");
            return;
        }
        String stage = name.substring(1, name.length() - 1);
        if (Arrays.stream(Stage.values()).noneMatch(s -> s.name().equals(stage))) {
            wrong.add("route " + routeId + " names stage '" + stage + "'");
        }
    }

    /** The call's arguments split at the commas outside ${...} and parentheses. */
    private static List<String> arguments(String text) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                args.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        args.add(current.toString());
        return args;
    }
}
