import MadoguchiServer
import ArgumentParser
print("x")
