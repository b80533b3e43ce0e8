/** The program the start-up measurement runs: nothing for the agent to match, no collector. */
public class HelloWorld {
    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
