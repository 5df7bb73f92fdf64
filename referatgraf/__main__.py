from referatgraf.cli import main

main()
