/*
 * EPUBCheck kept in one JVM for the whole test run. A one-off `java -jar epubcheck.jar` costs
 * about 7 s of CPU on a small book, nearly all of it starting the JVM and compiling EPUBCheck's
 * schemas; a warm JVM checks the same book in about 0.2 s. Each line on stdin is one EPUBCheck
 * command line (arguments separated by tabs, exactly as they would follow `-jar epubcheck.jar`);
 * each answer is one line: the exit code, then what that run printed on stdout and on stderr,
 * base64-encoded, separated by tabs. EOF on stdin ends the server.
 *
 * Run by packages/core/test/epubcheck/service.ts with `java -cp epubcheck.jar EpubcheckServer.java`
 * (Java 11+ compiles a single source file in memory); where that is impossible (a JRE without the
 * compiler), the service falls back to one JVM per check.
 */
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

class EpubcheckServer {
  public static void main(String[] ignored) throws Exception {
    PrintStream answers = System.out;
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    answers.println("ready");
    answers.flush();
    String line;
    while ((line = requests.readLine()) != null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream printOut = new PrintStream(out, true, StandardCharsets.UTF_8);
      PrintStream printErr = new PrintStream(err, true, StandardCharsets.UTF_8);
      System.setOut(printOut);
      System.setErr(printErr);
      int code;
      try {
        code = new EpubChecker().run(line.split("\t", -1));
      } catch (Throwable error) {
        error.printStackTrace(printErr);
        code = 70;
      }
      printOut.flush();
      printErr.flush();
      Base64.Encoder base64 = Base64.getEncoder();
      answers.println(code + "\t" + base64.encodeToString(out.toByteArray()) + "\t" + base64.encodeToString(err.toByteArray()));
      answers.flush();
    }
  }
}
