"""What the tests share: paths of the fixtures, banks built in Python, random
answers, the CLI runner, HTML parsing, a static server with gzip, page weight,
Chromium, and the browser helpers. The benchmark (bench/) uses some of it too;
no test imports another test module or anything from bench/."""
